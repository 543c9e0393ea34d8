/// Two lists normalized for matching, with what scoring needs: term frequencies and the
/// block indexes. Made by `Matcher.prepare(_:_:)`.
public struct PreparedLists: Sendable {
    let listA: PersonList
    let listB: PersonList
    let normalizedA: [NormalizedRecord]
    let normalizedB: [NormalizedRecord]
    /// The byte strings the normalized records point into.
    let bytes: ByteArena
    let model: ScoringModel
    let weights: WeightTable
    /// Per record: weight of exact agreement on surname, given name, patronymic, sex.
    let exactA: [ExactWeights]
    let exactB: [ExactWeights]

    struct ExactWeights: Sendable {
        var surname: Double = 0
        var given: Double = 0
        var patronymic: Double = 0
        var sex: Double = 0
    }

    init(listA: PersonList, listB: PersonList, normalizedA: [NormalizedRecord], normalizedB: [NormalizedRecord], bytes: ByteArena, model: ScoringModel) {
        self.listA = listA
        self.listB = listB
        self.normalizedA = normalizedA
        self.normalizedB = normalizedB
        self.bytes = bytes
        self.model = model
        self.weights = model.table()
        // Frequencies by id: skeleton and name ids are small and dense, so arrays count them.
        var surnames: [Int] = [], givens: [Int] = [], patronymics: [Int] = [], sexes: [Int] = [0, 0, 0]
        func count(_ id: Int32, in counts: inout [Int]) {
            let k = Int(id)
            if k >= counts.count { counts += repeatElement(0, count: max(k + 1 - counts.count, counts.count)) }
            counts[k] += 1
        }
        for records in [normalizedA, normalizedB] {
            for r in records {
                if let s = r.surname { count(s.skeletonID, in: &surnames) }
                if let g = r.given { count(g.nameID, in: &givens) }
                if let p = r.patronymic { count(p.nameID, in: &patronymics) }
                if let x = r.sex { sexes[Int(x.rawValue)] += 1 }
            }
        }
        let total = normalizedA.count + normalizedB.count
        let (surnameCounts, givenCounts, patronymicCounts, sexCounts) = (surnames, givens, patronymics, sexes)
        @Sendable func exact(_ r: NormalizedRecord) -> ExactWeights {
            var w = ExactWeights()
            if let s = r.surname { w.surname = model.exactWeight(.surname, count: surnameCounts[Int(s.skeletonID)], total: total) }
            if let g = r.given { w.given = model.exactWeight(.givenName, count: givenCounts[Int(g.nameID)], total: total) }
            if let p = r.patronymic { w.patronymic = model.exactWeight(.patronymic, count: patronymicCounts[Int(p.nameID)], total: total) }
            if let x = r.sex { w.sex = model.exactWeight(.sex, count: sexCounts[Int(x.rawValue)], total: total) }
            return w
        }
        exactA = normalizedA.concurrentMap(chunkSize: 16_384, exact)
        exactB = normalizedB.concurrentMap(chunkSize: 16_384, exact)
    }

    /// The score of a pair, in bits, and its comparison (its byte strings read from `bytes`).
    @inline(__always)
    func score(_ x: borrowing NormalizedRecord, _ wx: ExactWeights, _ y: borrowing NormalizedRecord, _ wy: ExactWeights, bytes: ByteArena.View) -> (Double, Comparison) {
        let c = Comparison(x, y, bytes: bytes)
        var s = 0.0
        for (fi, field) in comparedFields.enumerated() {
            s += fieldWeight(fi, field, c[field], wx, wy)
        }
        return (s, c)
    }

    /// The weight of one field's agreement; exact names and sex weighed by frequency.
    @inline(__always)
    func fieldWeight(_ fi: Int, _ field: Field, _ a: Agreement, _ wx: ExactWeights, _ wy: ExactWeights) -> Double {
        switch (field, a) {
        case (.surname, .exact), (.surname, .equivalent): min(wx.surname, wy.surname)
        case (.givenName, .exact), (.givenName, .equivalent): min(wx.given, wy.given)
        case (.patronymic, .exact), (.patronymic, .equivalent): min(wx.patronymic, wy.patronymic)
        case (.sex, .exact): min(wx.sex, wy.sex)
        case (.surname, .crosswise): max(wx.surname, wy.surname) - 1
        case (.givenName, .crosswise): max(wx.given, wy.given) - 1
        default: weights(fi, a)
        }
    }

    /// The score of pair (i, j) across the lists, and its comparison.
    func score(a i: Int, b j: Int) -> (Double, Comparison) {
        bytes.withView { score(normalizedA[i], exactA[i], normalizedB[j], exactB[j], bytes: $0) }
    }

    /// Field-by-field evidence of a pair, with the source values.
    func evidence(_ c: Comparison, _ x: Record, _ wx: ExactWeights, _ y: Record, _ wy: ExactWeights) -> [FieldEvidence] {
        comparedFields.enumerated().compactMap { fi, field in
            let a = c[field]
            let va = x[field]
            let vb = y[field]
            if a == .missing && va == nil && vb == nil { return nil }
            return FieldEvidence(field: field, agreement: a, weight: fieldWeight(fi, field, a, wx, wy), a: va, b: vb)
        }
    }
}
