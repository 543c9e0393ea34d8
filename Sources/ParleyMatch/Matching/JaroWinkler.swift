/// Jaro–Winkler similarity of two skeletons, in 0...1 (1 when equal).
///
/// Winkler's prefix bonus uses up to four common leading letters with scale 0.1.
/// Works on bytes: skeletons are ASCII.
public func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaroWinkler(a, b) } }
}

/// Jaro–Winkler of two runs of bytes, read in place. Skeletons of up to 64 letters (all real
/// names) keep their matched letters in two 64-bit masks, so the hot path of scoring allocates
/// nothing. (A table of where each byte stands in `b`, to find a letter's match with mask
/// operations instead of a scan of the window, measured slower on names: setting it up costs
/// more than the short scans it saves.)
func jaroWinkler(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
    let la = a.count, lb = b.count
    if la == lb && a.elementsEqual(b) { return la == 0 ? 0 : 1 }
    if la == 0 || lb == 0 { return 0 }
    guard la <= 64, lb <= 64 else { return jaroWinklerLong(a, b) }
    let window = max(0, max(la, lb) / 2 - 1)
    var aMatched: UInt64 = 0
    var bMatched: UInt64 = 0
    var matches = 0
    for i in 0..<la {
        let lo = max(0, i - window), hi = min(lb - 1, i + window)
        if lo > hi { continue }
        let ai = a[i]
        for j in lo...hi where bMatched & (1 << UInt64(j)) == 0 && ai == b[j] {
            aMatched |= 1 << UInt64(i)
            bMatched |= 1 << UInt64(j)
            matches += 1
            break
        }
    }
    if matches == 0 { return 0 }
    var transpositions = 0
    var k = 0
    for i in 0..<la where aMatched & (1 << UInt64(i)) != 0 {
        while bMatched & (1 << UInt64(k)) == 0 { k += 1 }
        if a[i] != b[k] { transpositions += 1 }
        k += 1
    }
    return winkler(matches: matches, transpositions: transpositions, a, b)
}

/// Jaro–Winkler for skeletons longer than 64 letters, with arrays for the matched letters: the
/// textbook form, which tests hold the mask form to.
func jaroWinklerLong(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
    let la = a.count, lb = b.count
    let window = max(0, max(la, lb) / 2 - 1)
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
    return winkler(matches: matches, transpositions: transpositions, a, b)
}

/// The Jaro similarity from its counts, with Winkler's prefix bonus.
private func winkler(matches: Int, transpositions: Int, _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
    let m = Double(matches)
    let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
    var prefix = 0
    while prefix < min(4, min(a.count, b.count)) && a[prefix] == b[prefix] { prefix += 1 }
    return jaro + Double(prefix) * 0.1 * (1 - jaro)
}
