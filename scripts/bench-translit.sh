#!/usr/bin/env bash
# Matching quality per transliteration standard (issue 11 item 7).
#
#   scripts/bench-translit.sh [SIZE] [MIN_F1]
#
# Writes SIZE invented people per language (default 2000) in Cyrillic and under every standard
# scripts/make-translit-fixture.py knows (people come in cohorts of four sharing a date of birth,
# so the names have to tell them apart), then for each standard and language runs
#   parley diff CYRILLIC LATIN        (Cyrillic against the standard)
#   parley diff LATIN PASSPORT        (the standard against KMU 2010 / ICAO 9303, both Latin;
#                                      BGN/PCGN for those two themselves)
# and prints precision, recall and F1 of the matched pairs (truth: the same record id; matches
# and duplicate links closed transitively, as ../shared/bench/linkage/score.py --closure does). With
# MIN_F1, exits 1 when any F1 is below it. PARLEY_CONFIGURATION=debug uses the debug build;
# PARLEY_BIN=PATH runs that binary as it is (to compare two builds).
set -euo pipefail
size=${1:-2000}
min=${2:-}
cd "$(dirname "$0")/.."
bin=${PARLEY_BIN:-}
if [ -z "$bin" ]; then
    config=${PARLEY_CONFIGURATION:-release}
    swift build -c "$config" --product parley >/dev/null
    bin=.build/$config/parley
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 scripts/make-translit-fixture.py --lists "$out" --size "$size"
python3 scripts/make-translit-fixture.py --standards >"$out/standards.tsv"
python3 - "$bin" "$out" "$size" "$min" <<'EOF'
import csv, subprocess, sys

binary, out, size, minimum = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


def score(a, b):
    """(P, R, F1) of `parley diff a b` against record ids (the same id is the same person)."""
    report = f"{out}/report.csv"
    r = subprocess.run([binary, "diff", a, b, "--format", "csv", "-o", report], capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit(f"parley diff failed ({r.returncode}): {r.stderr.decode(errors='replace').strip()}")
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    with open(report, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            outcome, a, b, of = row["outcome"], row["a_id"], row["b_id"], row["duplicate_of"]
            if outcome == "duplicate-a" and a and of:
                parent[find(("a", a))] = find(("a", of))
            elif outcome == "duplicate-b" and b and of:
                parent[find(("b", b))] = find(("b", of))
            elif a and b and not outcome.startswith("only"):
                parent[find(("a", a))] = find(("b", b))
    groups = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    pairs = {(x[1], y[1]) for g in groups.values() for x in g if x[0] == "a" for y in g if y[0] == "b"}
    tp = sum(1 for x, y in pairs if x == y)
    p = tp / len(pairs) if pairs else 0.0
    r = tp / size
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


worst = 1.0
print(f"{'standard':12} {'lang':4} {'Cyrillic–Latin':>23}   {'Latin–Latin':>34}")
print(f"{'':12} {'':4} {'F1':>7} {'P':>7} {'R':>7}   {'against':>10} {'F1':>7} {'P':>7} {'R':>7}")
for line in open(f"{out}/standards.tsv", encoding="utf-8"):
    std, langs, _title = line.rstrip("\n").split("\t")
    for lang in langs.split(","):
        ref = "kmu2010" if lang == "uk" else "icao9303"
        if ref == std:
            ref = "bgn-pcgn"
        latin = f"{out}/{lang}-{std}.csv"
        c = score(f"{out}/{lang}-cyrillic.csv", latin)
        l = score(latin, f"{out}/{lang}-{ref}.csv")
        worst = min(worst, c[2], l[2])
        print(f"{std:12} {lang:4} {c[2]:7.4f} {c[0]:7.4f} {c[1]:7.4f}   {ref:>10} {l[2]:7.4f} {l[0]:7.4f} {l[1]:7.4f}")
print(f"lowest F1 {worst:.4f} ({size} people per language)")
if minimum and worst < float(minimum):
    print(f"F1 {worst:.4f} below {minimum}", file=sys.stderr)
    sys.exit(1)
EOF
