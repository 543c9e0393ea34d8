/// Writes doubles as ECMAScript's `Number.prototype.toString` does (ECMA-262 §7.1.12.1), which is
/// what RFC 8785 §3.2.2.3 requires.
///
/// The shortest digits that round-trip come from Swift's `Double.description` (which chooses the
/// closest of the shortest); only the layout differs: ECMAScript writes integers below 1e21 in full,
/// uses plain decimals down to 1e-6, and otherwise an exponent with an explicit sign (`1e+21`,
/// `1e-7`).
enum ECMAScriptNumber {
    /// Appends the ECMAScript form of `value` to `output`.
    ///
    /// - Throws: ``LogError`` with code `numberOutOfRange` when `value` is NaN or infinite.
    static func append(_ value: Double, to output: inout [UInt8]) throws(LogError) {
        guard value.isFinite else {
            throw LogError(code: .numberOutOfRange, message: "NaN and infinities have no JSON form")
        }
        if value == 0 {
            output.append(UInt8(ascii: "0"))  // -0 too
            return
        }
        // Integers below 2^53 are exact, so their shortest round-trip digits are all their digits.
        if value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value {
            appendInteger(Int64(value), to: &output)
            return
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        let exponent = shortestDigits(of: value.magnitude, into: &digits)
        if value < 0 {
            output.append(UInt8(ascii: "-"))
        }
        layOut(digits: digits, exponent: exponent, into: &output)
    }

    /// The ECMAScript string of `value`, for tests and diagnostics.
    static func string(_ value: Double) throws(LogError) -> String {
        var output: [UInt8] = []
        try append(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 {
            output.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        let start = output.count
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output[start...].reverse()
    }

    /// Puts the shortest round-trip decimal digits of a positive finite `value` into `digits`
    /// (no leading or trailing zeros) and returns `n` such that `value = 0.d₁d₂…dₖ × 10ⁿ`.
    private static func shortestDigits(of value: Double, into digits: inout [UInt8]) -> Int {
        // `description` looks like "123.45", "0.001", "1e-05" or "1.7976931348623157e+308".
        var pointPosition: Int?
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        var leadingZeros = 0
        var count = 0
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "."):
                pointPosition = count
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
            case UInt8(ascii: "-") where inExponent:
                exponentNegative = true
            case UInt8(ascii: "+"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = byte - UInt8(ascii: "0")
                if inExponent {
                    exponent = exponent * 10 + Int(digit)
                } else {
                    if digit == 0 && digits.isEmpty {
                        leadingZeros += 1
                    } else {
                        digits.append(byte)
                    }
                    count += 1
                }
            default:
                break
            }
        }
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
        }
        let integerDigits = (pointPosition ?? count) - leadingZeros
        return integerDigits + (exponentNegative ? -exponent : exponent)
    }

    /// Lays out digits `d₁…dₖ` with decimal exponent `n` as ECMA-262 §7.1.12.1 steps 6–10 say.
    private static func layOut(digits: [UInt8], exponent n: Int, into output: inout [UInt8]) {
        let k = digits.count
        if k <= n && n <= 21 {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            output.append(contentsOf: digits[..<n])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            output.append(contentsOf: digits)
        } else {
            output.append(digits[0])
            if k > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            output.append(UInt8(ascii: "e"))
            let e = n - 1
            output.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            appendInteger(Int64(e.magnitude), to: &output)
        }
    }
}
