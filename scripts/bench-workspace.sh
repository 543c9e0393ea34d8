#!/usr/bin/env bash
# The workspace's answer times on a large exchange: synthetic registers (parley-bench lists),
# side A's request and side B's release carried to the mediator by bundles, `parley ui` for the
# mediator, then each page and a decision timed with curl (the first page builds the
# reconciliation and queue once; later ones reuse them).
#
#   scripts/bench-workspace.sh [SIZE_A] [SIZE_B]     # default 100000 80000 (release build)
#
# The mediator also keeps a registry: every 20th person of side A's list (PARLEY_BENCH_REGISTRY=N
# for N people instead, 0 for none), which the reconciliation matches against everyone unoffered.
# PARLEY_CONFIGURATION=debug uses the debug build (smaller sizes; its numbers are slower).
# PARLEY_BENCH_BINARY=PATH times that `parley` binary instead (an earlier build, to compare).
# PARLEY_BENCH_KEEP=1 keeps the folder it works in (the homes, with the manifest it proposed).
set -euo pipefail
cd "$(dirname "$0")/.."
size_a=${1:-100000}
size_b=${2:-$(( size_a * 4 / 5 ))}
registry_size=${PARLEY_BENCH_REGISTRY:-$(( size_a / 20 ))}
config=${PARLEY_CONFIGURATION:-release}
swift build -c "$config" --product parley-bench >/dev/null
if [ -n "${PARLEY_BENCH_BINARY:-}" ]; then
    parley=$PARLEY_BENCH_BINARY
else
    swift build -c "$config" --product parley >/dev/null
    parley=$PWD/.build/$config/parley
fi
work=$(mktemp -d /tmp/parley-bench-ui.XXXXXX)
ui_pid=
cleanup() {
    [ -z "$ui_pid" ] || kill "$ui_pid" 2>/dev/null || true
    [ -z "$ui_pid" ] || wait "$ui_pid" 2>/dev/null || true
    if [ "${PARLEY_BENCH_KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
seconds() { local start=$1; awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }'; }

"$PWD/.build/$config/parley-bench" lists --out "$work" --size "$size_a" --size-b "$size_b" >/dev/null
for home in side-a side-b mediator; do
    "$parley" init --home "$work/$home" --name "$home" >/dev/null
    "$parley" key export-public --home "$work/$home" -o "$work/$home.pem" >/dev/null
done
exchange=$("$parley" exchange create --home "$work/mediator" --title "Workspace benchmark (synthetic)" \
    --participant "$work/side-a.pem:headquarters:A:Side A" --participant "$work/side-b.pem:headquarters:B:Side B" \
    --participant "$work/mediator.pem:mediator:neutral:Mediator" | grep -oE '^[0-9a-f]{64}$')
carry() {
    "$parley" bundle export --home "$work/$1" --exchange "$exchange" -o "$work/$1.bundle" >/dev/null
    "$parley" bundle import --home "$work/$2" "$work/$1.bundle" >/dev/null
}
carry mediator side-a
carry mediator side-b
"$parley" list import "$work/a.csv" --home "$work/side-a" --exchange "$exchange" --list request >/dev/null
"$parley" list import "$work/b.csv" --home "$work/side-b" --exchange "$exchange" --list release >/dev/null
carry side-a mediator
carry side-b mediator
registry_rows=0
if [ "$registry_size" -gt 0 ]; then
    awk -v every=$(( size_a / registry_size )) 'NR == 1 || (NR - 1) % every == 0' "$work/a.csv" > "$work/registry.csv"
    "$parley" list import "$work/registry.csv" --home "$work/mediator" --exchange "$exchange" --list registry >/dev/null
    registry_rows=$(( $(wc -l < "$work/registry.csv") - 1 ))
fi
start=$(date +%s.%N)
"$parley" reconcile --home "$work/mediator" >/dev/null
echo "lists: A $(( $(wc -l < "$work/a.csv") - 1 )) rows, B $(( $(wc -l < "$work/b.csv") - 1 )) rows, the mediator's registry $registry_rows rows; parley reconcile (first, matches and keeps the diff): $(seconds "$start") s"

start=$(date +%s.%N)
"$parley" ui --home "$work/mediator" >"$work/ui.out" 2>&1 &
ui_pid=$!
url=
for _ in $(seq 6000); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$work/ui.out" || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "parley ui did not start" >&2; exit 1; }
echo "parley ui listening after $(seconds "$start") s (opens the exchange, reconciles from the kept diff, builds the queue)"
base=${url%%/?token=*}
jar=$work/cookies
curl -s -o /dev/null -c "$jar" "$url"
get() {
    curl -s -o "$work/page.html" -b "$jar" -w '%{http_code} %{time_total}\n' "$base$1"
}
for path in / /queue "/queue?show=all&page=50" /confirm /manifest; do
    read -r code time < <(get "$path")
    printf 'GET  %-28s %s %6.3f s\n' "$path" "$code" "$time"
done
pair=$(curl -s -b "$jar" "$base/queue?kind=disputed&show=all" | { grep -o 'href="/pair[^"]*"' || true; } | head -1 | sed 's/href="//; s/"$//; s/&amp;/\&/g')
[ -n "$pair" ] || { echo "no disputed pair in the queue" >&2; exit 1; }
read -r code time < <(get "$pair")
printf 'GET  %-28s %s %6.3f s\n' "/pair (a disputed pair)" "$code" "$time"
request=$(grep -o 'name="request" value="[^"]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
release=$(grep -o 'name="release" value="[^"]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
origin=$base
read -r code time < <(curl -s -o /dev/null -b "$jar" -H "Origin: $origin" -w '%{http_code} %{time_total}\n' \
    --data-urlencode "direction=to-A" --data-urlencode "request=$request" --data-urlencode "release=$release" \
    --data-urlencode "same=yes" --data-urlencode "back=/" "$base/decide")
printf 'POST %-28s %s %6.3f s\n' "/decide (same person)" "$code" "$time"
read -r code time < <(get /)
printf 'GET  %-28s %s %6.3f s\n' "/ (after the decision)" "$code" "$time"
read -r code time < <(get "$pair")
printf 'GET  %-28s %s %6.3f s\n' "/pair (again)" "$code" "$time"

# A mediator works through the queue: the next disputed pairs, decided one after another (each
# answer is the signing, the state hash and the reconciliation after it), then a dispute opened
# and closed about one of them.
post() {
    local path=$1; shift
    local args=()
    for field in "$@"; do args+=(--data-urlencode "$field"); done
    curl -s -o /dev/null -b "$jar" -H "Origin: $origin" -w '%{http_code} %{time_total}\n' "${args[@]}" "$base$path"
}
pairs=$(curl -s -b "$jar" "$base/queue?kind=disputed&show=all" | { grep -o 'href="/pair[^"]*"' || true; } | sed -n '2,6p' | sed 's/href="//; s/"$//; s/&amp;/\&/g')
same=no
for next in $pairs; do
    get "$next" >/dev/null
    request=$(grep -o 'name="request" value="[^"]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
    release=$(grep -o 'name="release" value="[^"]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
    direction=$(grep -o 'name="direction" value="[^"]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
    read -r code time < <(post /decide "direction=${direction:-to-A}" "request=$request" "release=$release" "same=$same" "back=/queue")
    printf 'POST %-28s %s %6.3f s\n' "/decide (next pair, same=$same)" "$code" "$time"
    same=$([ "$same" = no ] && echo yes || echo no)
done
read -r code time < <(post /dispute/open "about=$request" "reason=identity-conflict" "note=bench" "back=/queue")
printf 'POST %-28s %s %6.3f s\n' "/dispute/open" "$code" "$time"
get "$next" >/dev/null
dispute=$(grep -o 'name="dispute" value="[0-9a-f]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
if [ -n "$dispute" ]; then
    read -r code time < <(post /dispute/close "dispute=$dispute" "resolution=bench" "back=/queue")
    printf 'POST %-28s %s %6.3f s\n' "/dispute/close" "$code" "$time"
fi
# The end of a review: each direction confirmed, the manifest proposed (its blockers waived with
# a reason, as a mediator may), signed, and printed (the document lists every person who crosses).
get /confirm >/dev/null
grep -o 'name="direction" value="[^"]*"><input type="hidden" name="hash" value="[0-9a-f]*"' "$work/page.html" \
    | sed 's/name="direction" value="\([^"]*\)".*name="hash" value="\([0-9a-f]*\)"/\1 \2/' > "$work/confirm.txt" || true
while read -r direction hash; do
    read -r code time < <(post /confirm "direction=$direction" "hash=$hash")
    printf 'POST %-28s %s %6.3f s\n' "/confirm ($direction)" "$code" "$time"
done < "$work/confirm.txt"
read -r code time < <(get /manifest)
printf 'GET  %-28s %s %6.3f s\n' "/manifest (confirmed)" "$code" "$time"
manifest=$(grep -o 'action="/manifest/propose" class="box"><input type="hidden" name="hash" value="[0-9a-f]*"' "$work/page.html" | head -1 | sed 's/.*value="//; s/"$//')
waivers=()
for key in $(grep -o 'name="waive:[^"]*"' "$work/page.html" | sed 's/name="//; s/"$//' | sort -u); do waivers+=("$key=benchmark: waived to time the proposal"); done
read -r code time < <(post /manifest/propose "hash=$manifest" "back=/manifest" "${waivers[@]}")
printf 'POST %-28s %s %6.3f s\n' "/manifest/propose" "$code" "$time"
read -r code time < <(post /manifest/sign "hash=$manifest")
printf 'POST %-28s %s %6.3f s\n' "/manifest/sign" "$code" "$time"
read -r code time < <(get "/manifest/document?hash=$manifest")
printf 'GET  %-28s %s %6.3f s  (%s people listed)\n' "/manifest/document" "$code" "$time" "$(grep -c '<tr><td class="num">' "$work/page.html" || true)"

# What the workspace signed (a refused action also answers 303, with the refusal on the page).
signed=$("$parley" log --home "$work/mediator" | grep -cE 'match\.(assert|reject)|dispute\.(open|close)|confirm|manifest\.(propose|sign)' || true)
echo "signed by the workspace: $signed operations (12 when none was refused: 6 decisions, a dispute opened and closed, 2 confirmations, a proposal and a signature)"
