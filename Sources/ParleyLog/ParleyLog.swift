// ParleyLog: canonical JSON, envelopes, verification, the state fold, reconciliation of an exchange,
// manifests and finalized manifest files.
