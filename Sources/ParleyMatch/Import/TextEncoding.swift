/// The text encodings a CSV list can be written in.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte order mark.
    case utf8 = "utf-8"
    /// Windows-1251 (cp1251), the legacy Cyrillic code page of Windows.
    case windows1251 = "windows-1251"
}
