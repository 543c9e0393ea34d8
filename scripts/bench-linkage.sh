#!/usr/bin/env bash
# Matching quality on a benchmark directory of ../shared/bench/linkage (a.csv, b.csv,
# mediator.csv, truth*.csv, score.py one level up): A against B, A against the mediator,
# B against the mediator, each scored with score.py --closure on `parley diff --format csv`.
#
#   scripts/bench-linkage.sh DIR [MIN_F1]
#
# With MIN_F1, exits 1 when any F1 is below it. PARLEY_CONFIGURATION=debug uses the debug build
# (CI does, since the debug build is already there and scores are the same; times are not).
set -euo pipefail
dir=${1:?usage: scripts/bench-linkage.sh DIR [MIN_F1]}
min=${2:-}
cd "$(dirname "$0")/.."
config=${PARLEY_CONFIGURATION:-release}
swift build -c "$config" --product parley >/dev/null
bin=.build/$config/parley
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for run in "a b truth" "a mediator truth_a_m" "b mediator truth_b_m"; do
    set -- $run
    start=$(date +%s.%N)
    "$bin" diff "$dir/$1.csv" "$dir/$2.csv" --format csv -o "$out/$1-$2.csv" || [ $? -eq 1 ]
    end=$(date +%s.%N)
    line=$(python3 "$dir/../score.py" "$dir/$3.csv" "$out/$1-$2.csv" --closure | tail -n 1)
    printf '%-12s %s  (%s s)\n' "$1-$2" "$line" "$(python3 -c "print(f'{$end - $start:.2f}')")"
    if [ -n "$min" ]; then
        f1=$(echo "$line" | sed -E 's/^F1=([0-9.]+).*/\1/')
        if python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$min') else 1)"; then :; else
            echo "F1 $f1 below $min for $1-$2" >&2
            status=1
        fi
    fi
done
exit $status
