#!/usr/bin/env bash
# Parley at the size of a real register, through the real binary and a real server on loopback
# (release build, SQLite): two synthetic registers (100,000 requested by side A, 80,000 released
# by side B, plus the duplicates real lists have), three parties, and the time of every step a
# user meets, each one command as a person would type it.
#
#   scripts/bench-scale.sh [SIZE_A] [SIZE_B]      # default 100000 80000
#
# Prints one line per step: wall seconds, peak memory of the command, and what it said (first
# line). The folder it works in is removed at the end (PARLEY_BENCH_KEEP=1 keeps it). Also
# prints `openssl speed ed25519` verify on both cores measured in the same run, and the full
# pulls and `verify` as a share of it. PARLEY_CONFIGURATION=debug uses the debug build (to try the
# script on small sizes; its numbers mean nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
size_a=${1:-100000}
size_b=${2:-$(( size_a * 4 / 5 ))}
root=$(pwd)

config=${PARLEY_CONFIGURATION:-release}
swift build -c "$config" --product parley >/dev/null
swift build -c "$config" --product parley-bench >/dev/null
parley="$root/.build/$config/parley"
work=$(mktemp -d /tmp/parley-bench-scale.XXXXXX)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    if [ "${PARLEY_BENCH_KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Both cores' Ed25519 verify rate, the yardstick of every step that verifies.
verify_rate=$(openssl speed -seconds 2 -multi 2 ed25519 2>/dev/null | awk '/Ed25519/ && /bits/ { print int($NF) }' | tail -n 1)
echo "openssl speed ed25519 verify, 2 cores: ${verify_rate:-?}/s"

"$root/.build/$config/parley-bench" lists --out "$work" --size "$size_a" --size-b "$size_b"
rows_a=$(( $(wc -l < "$work/a.csv") - 1 ))
rows_b=$(( $(wc -l < "$work/b.csv") - 1 ))

# step NAME ENVELOPES -- COMMAND...: runs it, prints wall time and peak RSS; ENVELOPES (or -)
# is how many envelopes the step verifies, for its rate against openssl's.
step() {
    local name=$1 envelopes=$2; shift 3
    local out="$work/step.out" timing="$work/step.time" status=0
    /usr/bin/time -f "%e %M" -o "$timing" "$@" >"$out" 2>&1 || status=$?
    read -r seconds kib < <(tail -n 1 "$timing")
    local said
    said=$(grep -v '^\s*$' "$out" | head -n 1 | cut -c1-90)
    local rate=""
    if [ "$envelopes" != "-" ] && [ -n "${verify_rate:-}" ]; then
        rate=$(awk -v n="$envelopes" -v s="$seconds" -v v="$verify_rate" 'BEGIN { if (s > 0) printf "  %.0f env/s = %.2f x openssl", n / s, n / s / v }')
    fi
    printf '%-44s %8.2f s %7d MiB%s  | %s\n' "$name" "$seconds" $(( kib / 1024 )) "$rate" "$said"
    if [ "$status" -ne 0 ]; then
        echo "step failed (exit $status):" >&2
        tail -n 5 "$out" >&2
        exit 1
    fi
}

for party in a b m; do
    "$parley" init --name "bench $party" --home "$work/$party" >/dev/null
    "$parley" key export-public -o "$work/$party.pem" --home "$work/$party" >/dev/null
done
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$parley" serve --data "$work/server" --port "$port" --admit "$work/m.pem" --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
server="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$server/v1/server" >/dev/null 2>&1 && break; sleep 0.2; done

exchange=$("$parley" exchange create --title "Scale benchmark (synthetic)" --home "$work/m" \
    --participant "$work/a.pem:headquarters:A:bench a" --participant "$work/b.pem:headquarters:B:bench b" \
    --participant "$work/m.pem:mediator:neutral:bench m" | grep -E '^[0-9a-f]{64}$' | tail -n 1)
"$parley" sync --server "$server" --home "$work/m" >/dev/null
"$parley" sync --server "$server" --exchange "$exchange" --home "$work/a" >/dev/null
"$parley" sync --server "$server" --exchange "$exchange" --home "$work/b" >/dev/null
total=$(( rows_a + rows_b + 1 ))

echo "lists: A $rows_a rows, B $rows_b rows; $total envelopes in the exchange when all is synced"
printf '%-44s %10s %11s\n' step wall "peak RSS"
step "list import A ($rows_a rows)" - -- "$parley" list import "$work/a.csv" --exchange "$exchange" --list request --home "$work/a"
step "list import A again, unchanged" - -- "$parley" list import "$work/a.csv" --exchange "$exchange" --list request --home "$work/a"
step "list import B ($rows_b rows)" - -- "$parley" list import "$work/b.csv" --exchange "$exchange" --list release --home "$work/b"
step "sync A (push $rows_a)" - -- "$parley" sync --home "$work/a"
step "sync B (pull $rows_a, push $rows_b)" "$rows_a" -- "$parley" sync --home "$work/b"
step "sync mediator (pull $total)" "$total" -- "$parley" sync --home "$work/m"
step "verify (mediator)" "$total" -- "$parley" verify --home "$work/m"
step "whoami" - -- "$parley" whoami --home "$work/m"
step "log -n 5" - -- "$parley" log -n 5 --home "$work/m"
step "evidence list" - -- "$parley" evidence list --home "$work/m"
step "dispute list" - -- "$parley" dispute list --home "$work/m"
step "terms show" - -- "$parley" terms show --home "$work/m"
step "finalize status" - -- "$parley" finalize status --home "$work/m"
step "reconcile (first)" - -- "$parley" reconcile --home "$work/m" -o "$work/report.txt"
step "reconcile (again)" - -- "$parley" reconcile --home "$work/m" -o "$work/report2.txt"
step "reconcile --format json" - -- "$parley" reconcile --format json --home "$work/m" -o "$work/report.json"
step "dispute open (one entry)" - -- "$parley" dispute open --about B/release/RF-1 --reason identity-conflict --note "bench" --home "$work/m"
step "terms set" - -- "$parley" terms set --to-a 1000 --to-b 1000 --home "$work/m"
step "confirm --direction to-A" - -- "$parley" confirm --direction to-A --home "$work/m"
step "confirm --direction to-B (rows kept)" - -- "$parley" confirm --direction to-B --home "$work/m"
step "terms show (counts kept)" - -- "$parley" terms show --home "$work/m"
step "finalize status (first for the terms)" - -- "$parley" finalize status --home "$work/m"
step "finalize status (manifest kept)" - -- "$parley" finalize status --home "$work/m"
step "sync mediator (push 4 new)" - -- "$parley" sync --home "$work/m"
step "sync A (pull B's list and 4 new)" - -- "$parley" sync --home "$work/a"
step "sync A (nothing new)" - -- "$parley" sync --home "$work/a"
step "dispute open (another entry)" - -- "$parley" dispute open --about B/release/RF-2 --reason identity-conflict --note "bench" --home "$work/m"
step "sync mediator (push 1 new)" - -- "$parley" sync --home "$work/m"
step "sync A (pull 1 new)" - -- "$parley" sync --home "$work/a"
