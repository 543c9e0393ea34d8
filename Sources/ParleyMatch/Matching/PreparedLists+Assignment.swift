extension PreparedLists {
    /// Stage 4, assignment: duplicates inside each list grouped, then one-to-one assignment
    /// of the groups, best score first; a match with a near-equal rival is disputed.
    public func assign(_ scored: ScoredPairs) -> DiffResult {
        let groupA = PreparedLists.groups(count: normalizedA.count, pairs: scored.insideA)
        let groupB = PreparedLists.groups(count: normalizedB.count, pairs: scored.insideB)

        // Best member pair per (group in A, group in B).
        struct Link { var i: Int32; var j: Int32; var score: Double }
        var best: [Int64: Link] = [:]
        for p in scored.cross {
            let ga = groupA[Int(p.i)], gb = groupB[Int(p.j)]
            let key = Int64(ga) << 32 | Int64(gb)
            if let l = best[key], l.score >= p.score { continue }
            best[key] = Link(i: p.i, j: p.j, score: p.score)
        }
        // Deterministic order: score, then the groups' positions.
        let links = best.values.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            let (a0, a1) = (groupA[Int($0.i)], groupA[Int($1.i)])
            if a0 != a1 { return a0 < a1 }
            return groupB[Int($0.j)] < groupB[Int($1.j)]
        }
        // Groups are the indexes of their first records, so arrays indexed by record stand in
        // for dictionaries keyed by group.
        var rivalsOfA = [[Link]](repeating: [], count: listA.records.count)
        var rivalsOfB = [[Link]](repeating: [], count: listB.records.count)
        for l in links {
            rivalsOfA[Int(groupA[Int(l.i)])].append(l)
            rivalsOfB[Int(groupB[Int(l.j)])].append(l)
        }
        var matchedA = [Link?](repeating: nil, count: listA.records.count)
        var matchedB = [Bool](repeating: false, count: listB.records.count)
        for l in links where l.score >= model.matchThreshold {
            let ga = Int(groupA[Int(l.i)]), gb = Int(groupB[Int(l.j)])
            if matchedA[ga] != nil || matchedB[gb] { continue }
            matchedA[ga] = l
            matchedB[gb] = true
        }
        var nearestOfA = [[ScoredPairs.Pair]](repeating: [], count: listA.records.count)
        for p in scored.nearestOfA where matchedA[Int(p.i)] == nil {
            nearestOfA[Int(p.i)].append(p)
        }

        // The rows, built on every core in record order: each reads only what is decided above.
        let (decidedA, decidedB, rivalsA, rivalsB, nearestA) = (matchedA, matchedB, rivalsOfA, rivalsOfB, nearestOfA)
        let rowsA = Array(listA.records.indices).concurrentMap(chunkSize: 2_048) { i -> DiffRow in
            let g = Int(groupA[i])
            if g != i {
                return duplicateRow(.duplicateA, i, g, inA: true, scored: scored.insideA)
            }
            guard let l = decidedA[g] else {
                var nearest: [DiffRow.Alternative] = []
                for p in nearestA[g] {
                    let id = listB.records[Int(groupB[Int(p.j)])].id
                    if !nearest.contains(where: { $0.id == id }) { nearest.append(.init(list: "b", id: id, score: p.score)) }
                }
                return DiffRow(outcome: .onlyA, a: listA.records[i], nearest: nearest)
            }
            let gb = groupB[Int(l.j)]
            var alternatives: [DiffRow.Alternative] = []
            for r in rivalsA[g] where groupB[Int(r.j)] != gb && r.score > l.score - model.ambiguityMargin {
                alternatives.append(.init(list: "b", id: listB.records[Int(groupB[Int(r.j)])].id, score: r.score))
            }
            for r in rivalsB[Int(gb)] where groupA[Int(r.i)] != g && r.score > l.score - model.ambiguityMargin {
                alternatives.append(.init(list: "a", id: listA.records[Int(groupA[Int(r.i)])].id, score: r.score))
            }
            return matchRow(l.i, l.j, score: l.score, representativeA: i, representativeB: Int(gb), alternatives: alternatives)
        }
        let shownB = listB.records.indices.filter { j in Int(groupB[j]) != j || !decidedB[j] }
        let rowsB = shownB.concurrentMap(chunkSize: 2_048) { j -> DiffRow in
            let g = Int(groupB[j])
            return g != j
                ? duplicateRow(.duplicateB, j, g, inA: false, scored: scored.insideB)
                : DiffRow(outcome: .onlyB, b: listB.records[j])
        }
        var rows = rowsA
        rows += rowsB
        PreparedLists.markNamesakes(&rows, scored.namesakesA, listA.records, inA: true)
        PreparedLists.markNamesakes(&rows, scored.namesakesB, listB.records, inA: false)
        return DiffResult(
            listA: listA.name, listB: listB.name,
            recordCounts: (listA.records.count, listB.records.count), rows: rows)
    }

    /// Adds `possible-duplicate-of:ID` to the row of the later record of each namesake pair
    /// (same name and birth date, different service numbers): shown, never merged.
    private static func markNamesakes(_ rows: inout [DiffRow], _ pairs: [ScoredPairs.Pair], _ records: [Record], inA: Bool) {
        guard !pairs.isEmpty else { return }
        var earlier: [String: [String]] = [:]
        for p in pairs.sorted(by: { ($0.j, $0.i) < ($1.j, $1.i) }) {
            earlier[records[Int(p.j)].id, default: []].append(records[Int(p.i)].id)
        }
        for index in rows.indices {
            guard let id = (inA ? rows[index].a : rows[index].b)?.id, let others = earlier[id] else { continue }
            rows[index].reasons += others.map { "possible-duplicate-of:\($0)" }
        }
    }

    /// The row of a match between the groups of A-record `i` and B-record `j`.
    private func matchRow(_ i: Int32, _ j: Int32, score: Double, representativeA: Int, representativeB: Int, alternatives: [DiffRow.Alternative]) -> DiffRow {
        let (_, c) = self.score(a: Int(i), b: Int(j))
        let evidence = self.evidence(c, listA.records[Int(i)], exactA[Int(i)], listB.records[Int(j)], exactB[Int(j)])
        var reasons: [String] = []
        for e in evidence where e.field.isKey && e.agreement.isKeyConflict {
            reasons.append("\(e.field.rawValue):\(e.agreement.rawValue)")
        }
        for alt in alternatives {
            reasons.append("ambiguous:\(alt.id)")
        }
        for e in evidence where !e.field.isKey && [.crosswise, .similar, .partial, .different].contains(e.agreement) && e.field.isName {
            reasons.append("\(e.field.rawValue):\(e.agreement.rawValue)")
        }
        let disputed = evidence.contains { $0.field.isKey && $0.agreement.isKeyConflict } || !alternatives.isEmpty
        return DiffRow(
            outcome: disputed ? .disputed : .agreed,
            a: listA.records[representativeA], b: listB.records[representativeB],
            score: score, reasons: reasons, evidence: evidence, alternatives: alternatives)
    }

    /// The row of record `k` that repeats the record at `of` in the same list.
    private func duplicateRow(_ outcome: Outcome, _ k: Int, _ of: Int, inA: Bool, scored: [ScoredPairs.Pair]) -> DiffRow {
        let records = inA ? listA.records : listB.records
        let normalized = inA ? normalizedA : normalizedB
        let exact = inA ? exactA : exactB
        let (s, c) = bytes.withView { score(normalized[of], exact[of], normalized[k], exact[k], bytes: $0) }
        let evidence = self.evidence(c, records[of], exact[of], records[k], exact[k])
        var reasons = ["duplicate-of:\(records[of].id)"]
        for e in evidence where e.agreement.isKeyConflict && e.field.isKey {
            reasons.append("\(e.field.rawValue):\(e.agreement.rawValue)")
        }
        return DiffRow(
            outcome: outcome, a: inA ? records[k] : nil, b: inA ? nil : records[k],
            duplicateOf: records[of], score: s, reasons: reasons, evidence: evidence)
    }

    /// Groups of duplicates inside one list: each record's group is the index of its
    /// earliest member (union–find over the duplicate pairs).
    static func groups(count: Int, pairs: [ScoredPairs.Pair]) -> [Int32] {
        var parent = (0..<count).map { Int32($0) }
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        for p in pairs {
            let (ri, rj) = (find(p.i), find(p.j))
            if ri == rj { continue }
            if ri < rj { parent[Int(rj)] = ri } else { parent[Int(ri)] = rj }
        }
        return (0..<count).map { find(Int32($0)) }
    }
}

extension Field {
    /// Surname, given name or patronymic.
    var isName: Bool { self == .surname || self == .givenName || self == .patronymic }
}
