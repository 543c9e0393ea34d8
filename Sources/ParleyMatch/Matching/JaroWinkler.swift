/// Jaro–Winkler similarity of two skeletons, in 0...1 (1 when equal).
///
/// Winkler's prefix bonus uses up to four common leading letters with scale 0.1.
/// Works on bytes: skeletons are ASCII.
public func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
    if a == b { return a.isEmpty ? 0 : 1 }
    let la = a.count, lb = b.count
    if la == 0 || lb == 0 { return 0 }
    let window = max(0, max(la, lb) / 2 - 1)
    // Skeletons are short; fixed stack buffers would be nicer, but a small array is cheap.
    var aMatched = [Bool](repeating: false, count: la)
    var bMatched = [Bool](repeating: false, count: lb)
    var matches = 0
    for i in 0..<la {
        let lo = max(0, i - window), hi = min(lb - 1, i + window)
        if lo > hi { continue }
        for j in lo...hi where !bMatched[j] && a[i] == b[j] {
            aMatched[i] = true
            bMatched[j] = true
            matches += 1
            break
        }
    }
    if matches == 0 { return 0 }
    var transpositions = 0
    var k = 0
    for i in 0..<la where aMatched[i] {
        while !bMatched[k] { k += 1 }
        if a[i] != b[k] { transpositions += 1 }
        k += 1
    }
    let m = Double(matches)
    let jaro = (m / Double(la) + m / Double(lb) + (m - Double(transpositions / 2)) / m) / 3
    var prefix = 0
    while prefix < min(4, min(la, lb)) && a[prefix] == b[prefix] { prefix += 1 }
    return jaro + Double(prefix) * 0.1 * (1 - jaro)
}
