#!/usr/bin/env bash
# Fuzzes Parley's parsers with libFuzzer: each harness (Fuzz/NAME) for SECONDS seconds, from a
# seed corpus made of the repo's own vectors and fixtures (scripts/fuzz-seeds.py), after replaying
# every input that once failed (Fuzz/Regressions/NAME/*). Exits non-zero on a crash, a timeout
# (an input taking more than 10 s) or a memory blow-up (more than 2 GiB), leaving the input in
# .build-fuzz/artifacts/.
#
#   scripts/fuzz.sh SECONDS [HARNESS…]      e.g. scripts/fuzz.sh 600 FuzzXLSX
#
# The build: PARLEY_FUZZ=1 makes Package.swift declare the harnesses and only the modules they
# read through (ParleyWire, ParleyLog, ParleyMatch, ParleyCrypto; of the package dependencies only
# swift-http-structured-headers); `swift build --sanitize=fuzzer` (SwiftPM's spelling of
# `-Xswiftc -sanitize=fuzzer`, which also lets libFuzzer's main be the program's) in .build-fuzz.
# Set FUZZ_SANITIZE=address for ASan as well (slower), FUZZ_CONFIGURATION=release to optimize.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS [HARNESS…]}
shift
all=(FuzzCanonicalJSON FuzzEnvelope FuzzWire FuzzSignature FuzzBundle FuzzCSV FuzzXLSX)
harnesses=("${@:-${all[@]}}")
[ $# -gt 0 ] || harnesses=("${all[@]}")

scratch=.build-fuzz
configuration=${FUZZ_CONFIGURATION:-debug}   # release: ~3x the build time, not much faster here
sanitizers=(-c "$configuration" --sanitize=fuzzer)
[ -z "${FUZZ_SANITIZE:-}" ] || sanitizers+=("--sanitize=$FUZZ_SANITIZE")
# The Swift runtime's backtracer would take the crash signal from libFuzzer, which writes the input.
export SWIFT_BACKTRACE=enable=no
start=$(date +%s)
PARLEY_FUZZ=1 swift build --scratch-path "$scratch" "${sanitizers[@]}" 2>&1 | grep -E "error|warning: .*(Fuzz|Sources)/|Compiling|Build" | grep -v "^\[.*Compiling" || true
binaries=$(PARLEY_FUZZ=1 swift build --scratch-path "$scratch" "${sanitizers[@]}" --show-bin-path)
echo "fuzz: built in $(( $(date +%s) - start )) s"

seeds=$scratch/seeds
rm -rf "$seeds"
python3 scripts/fuzz-seeds.py "$seeds"
mkdir -p "$scratch/artifacts"

failed=()
for harness in "${harnesses[@]}"; do
    binary=$binaries/$harness
    [ -x "$binary" ] || { echo "fuzz: no harness $harness" >&2; exit 2; }
    corpus=$scratch/corpus/$harness
    mkdir -p "$corpus"
    case $harness in
        FuzzXLSX) max_len=65536 ;;
        FuzzCSV | FuzzWire | FuzzBundle) max_len=16384 ;;
        *) max_len=4096 ;;
    esac
    options=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=$max_len
             -artifact_prefix="$scratch/artifacts/$harness-" -print_final_stats=1)
    log=$scratch/$harness.log
    # Every input that failed once must pass now.
    if compgen -G "Fuzz/Regressions/$harness/*" >/dev/null; then
        if ! "$binary" "${options[@]}" Fuzz/Regressions/$harness/* >"$log" 2>&1; then
            echo "fuzz: $harness fails a regression input:" >&2
            tail -30 "$log" >&2
            failed+=("$harness")
            continue
        fi
    fi
    if "$binary" "${options[@]}" -max_total_time="$seconds" "$corpus" "$seeds/$harness" >"$log" 2>&1; then
        runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" || echo "?")
        echo "fuzz: $harness ok: $runs runs in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs"
    else
        echo "fuzz: $harness FAILED; the input is in $scratch/artifacts/ (add it to Fuzz/Regressions/$harness/ with its fix):" >&2
        grep -E "ERROR|Fatal error|SUMMARY|Test unit written|deadly signal|out-of-memory|timeout" "$log" | head -20 >&2
        failed+=("$harness")
    fi
done
echo "fuzz: done in $(( $(date +%s) - start )) s"
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failed: ${failed[*]}" >&2; exit 1; }
