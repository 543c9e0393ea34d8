/// The sync server: a Hummingbird application that stores and relays signed envelopes.
public enum ParleyServer {}
