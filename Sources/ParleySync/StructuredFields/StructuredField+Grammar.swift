extension StructuredField {
    /// The character classes of RFC 8941's ABNF.
    enum Grammar {
        /// The largest magnitude of an integer (15 digits), and of a decimal in thousandths.
        static let maxInteger: Int64 = 999_999_999_999_999

        static func isLowercaseAlpha(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }

        static func isAlpha(_ byte: UInt8) -> Bool {
            isLowercaseAlpha(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        static func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }

        /// `lcalpha / "*"`.
        static func isKeyStart(_ byte: UInt8) -> Bool {
            isLowercaseAlpha(byte) || byte == UInt8(ascii: "*")
        }

        /// `lcalpha / DIGIT / "_" / "-" / "." / "*"`.
        static func isKeyCharacter(_ byte: UInt8) -> Bool {
            isLowercaseAlpha(byte) || isDigit(byte) || "_-.*".utf8.contains(byte)
        }

        /// `ALPHA / "*"`.
        static func isTokenStart(_ byte: UInt8) -> Bool {
            isAlpha(byte) || byte == UInt8(ascii: "*")
        }

        /// `tchar / ":" / "/"` (RFC 9110 `tchar`).
        static func isTokenCharacter(_ byte: UInt8) -> Bool {
            isAlpha(byte) || isDigit(byte) || "!#$%&'*+-.^_`|~:/".utf8.contains(byte)
        }

        /// `ALPHA / DIGIT / "+" / "/" / "="`.
        static func isBase64Character(_ byte: UInt8) -> Bool {
            isAlpha(byte) || isDigit(byte) || "+/=".utf8.contains(byte)
        }
    }
}
