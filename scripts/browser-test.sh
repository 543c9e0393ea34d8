#!/usr/bin/env bash
# The workspace in a real browser, end to end: headless Chromium driven by Selenium (Debian's
# chromium and chromium-driver; pip's selenium; nothing downloaded by the test itself).
#
# 1. `parley demo --keep` runs and ends by printing the command that opens the mediator's
#    workspace; that workspace opens in the browser.
# 2. A fresh exchange of the demo lists, carried between three homes by bundles (no server),
#    with a dispute side A opened: the mediator's workspace decides the engine's doubtful pair
#    (keyboard shortcut `s`), closes the dispute, marks an item reviewed (`r`), confirms both
#    directions, proposes and signs the manifest; on the way, side A's comment on its dispute
#    arrives from a bundle in another process and the open page says so (live update); then `parley log` and `parley verify` show
#    the replica holds those signed operations and verifies.
# 3. The mediator sets terms with two phases, confirms again, and proposes the first phase's
#    manifest from the manifest page; `parley finalize status` shows the proposal of that phase.
# 4. Every participant signs that phase's manifest; its people's pages (reached from the manifest
#    page) offer no change and say why, the others still offer decisions.
#
# Screenshots of every page go to .build-browser/ (look at them).
#
#   scripts/browser-test.sh            (needs the debug build: swift build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
parley=${PARLEY_BIN:-$root/.build/debug/parley}
[ -x "$parley" ] || { echo "browser-test: build parley first ($parley)" >&2; exit 2; }
out=$root/.build-browser
mkdir -p "$out"
rm -f "$out"/*.png

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "browser-test: installing chromium and chromium-driver" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python=python3
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    echo "browser-test: installing selenium" >&2
    python3 -m pip install --quiet --disable-pip-version-check selenium >/dev/null 2>&1 \
        || python3 -m pip install --quiet --disable-pip-version-check --user selenium >/dev/null 2>&1 \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages selenium >/dev/null 2>&1 \
        || { python3 -m venv "$out/venv" && "$out/venv/bin/pip" install --quiet selenium >/dev/null && python=$out/venv/bin/python; }
fi

work=$(mktemp -d)
ui_pid=
cleanup() {
    [ -z "$ui_pid" ] || kill "$ui_pid" 2>/dev/null || true
    [ -z "$ui_pid" ] || wait "$ui_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Starts `parley ui` with the given arguments and sets `url` to the address it printed (not in
# a subshell, so that `ui_pid` is this shell's and stop_ui and the trap end it).
start_ui() {
    "$parley" ui "$@" >"$work/ui.out" 2>"$work/ui.err" &
    ui_pid=$!
    for _ in $(seq 300); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$work/ui.out" || true)
        [ -n "$url" ] && return
        sleep 0.1
    done
    echo "browser-test: parley ui did not start" >&2
    cat "$work/ui.err" >&2
    exit 1
}
stop_ui() {
    kill "$ui_pid" 2>/dev/null || true
    wait "$ui_pid" 2>/dev/null || true
    ui_pid=
}

# 1. The demo, with its homes kept; the command it ends with opens the mediator's workspace.
"$parley" demo --keep "$work/demo" >"$work/demo.out" 2>"$work/demo.err"
command=$(grep -o 'parley ui --home .*' "$work/demo.out" | tail -1)
[ "$command" = "parley ui --home $work/demo/mediator" ] || { echo "browser-test: the demo did not end with the workspace command" >&2; exit 1; }
start_ui --home "$work/demo/mediator"
"$python" scripts/browser/workspace.py demo "$url" "$out"
stop_ui

# 2. A fresh exchange of the demo lists, carried by bundles.
x=$work/x
for home in side-a side-b mediator; do
    "$parley" init --home "$x/$home" --name "$home" >/dev/null
    "$parley" key export-public --home "$x/$home" -o "$x/$home.pem" >/dev/null
done
exchange=$("$parley" exchange create --home "$x/mediator" --title "Browser test (synthetic)" \
    --participant "$x/side-a.pem:headquarters:A:Side A headquarters" \
    --participant "$x/side-b.pem:headquarters:B:Side B headquarters" \
    --participant "$x/mediator.pem:mediator:neutral:Mediator" | grep -oE '^[0-9a-f]{64}$')
carry() {  # carry FROM TO: everything FROM holds, into TO
    "$parley" bundle export --home "$x/$1" --exchange "$exchange" -o "$x/$1.bundle" >/dev/null
    "$parley" bundle import --home "$x/$2" "$x/$1.bundle" >/dev/null
}
carry mediator side-a
carry mediator side-b
lists=examples/demo
"$parley" list import "$lists/a-request.csv" --home "$x/side-a" --exchange "$exchange" --list request >/dev/null
"$parley" list import "$lists/a-release.csv" --home "$x/side-a" --exchange "$exchange" --list release >/dev/null
"$parley" list import "$lists/b-request.csv" --home "$x/side-b" --exchange "$exchange" --list request >/dev/null
"$parley" list import "$lists/b-release.csv" --home "$x/side-b" --exchange "$exchange" --list release >/dev/null
"$parley" list import "$lists/registry.csv" --home "$x/mediator" --exchange "$exchange" --list registry >/dev/null
carry side-b side-a
contested=$(sed -n 2p "$lists/b-release.csv" | cut -d';' -f1)
dispute=$("$parley" dispute open --home "$x/side-a" --about "B/release/$contested" --reason identity-conflict --note "service number in doubt" | awk '{print $2}')
carry side-a mediator
carry side-b mediator
# What the browser test runs while a page is open: side A comments on its dispute and the
# mediator's replica receives it from a bundle, in another process (the page must notice).
cat >"$work/arrive.sh" <<ARRIVE
set -e
"$parley" dispute comment --home "$x/side-a" "$dispute" --note "visited again" >/dev/null
"$parley" bundle export --home "$x/side-a" --exchange "$exchange" -o "$x/side-a.bundle" >/dev/null
"$parley" bundle import --home "$x/mediator" "$x/side-a.bundle" >/dev/null
ARRIVE
export PARLEY_BROWSER_ARRIVE="$work/arrive.sh"

start_ui --home "$x/mediator"
"$python" scripts/browser/workspace.py workflow "$url" "$out"
stop_ui

log=$("$parley" log --home "$x/mediator")
for operation in match.assert dispute.close confirm manifest.propose manifest.sign; do
    grep -q " $operation " <<<"$log" || { echo "browser-test: the mediator's replica holds no $operation" >&2; exit 1; }
done
"$parley" verify --home "$x/mediator" >/dev/null

# 3. Terms with phases: the mediator confirms again and proposes the first phase's manifest from the page.
"$parley" terms set --home "$x/mediator" --to-a 100 --to-b 100 --phase first:1:1 --phase second:99:99 --as-of 2025-05-01 >/dev/null
for direction in to-A to-B; do
    "$parley" confirm --home "$x/mediator" --direction "$direction" >/dev/null
done
start_ui --home "$x/mediator"
"$python" scripts/browser/workspace.py phase "$url" "$out"
stop_ui
status=$("$parley" finalize status --home "$x/mediator")
grep -q 'of phase "first"' <<<"$status" || { echo "browser-test: the mediator's replica holds no proposal of phase first" >&2; exit 1; }

# 4. Every participant signs the first phase's manifest, carried by bundles: its
#    people are then closed, and the workspace offers no change about them. Side B imported its
#    lists before it knew side A's encryption key, and has not signed since: side A reads them
#    (and builds the same manifest) through the mediator, who relayed side B's content key when
#    it imported side B's bundle.
first=$(grep -oE 'manifest [0-9a-f]{64} of phase "first"' <<<"$status" | awk '{print $2}')
"$parley" finalize sign --home "$x/mediator" --manifest "$first" >/dev/null
carry mediator side-a
carry mediator side-b
for side in side-a side-b; do
    "$parley" finalize sign --home "$x/$side" --manifest "$first" >/dev/null
    carry "$side" mediator
done
grep -q 'first: sealed by manifest' <<<"$("$parley" finalize status --home "$x/mediator")" \
    || { echo "browser-test: the first phase's manifest is not signed by everyone" >&2; exit 1; }
start_ui --home "$x/mediator"
"$python" scripts/browser/workspace.py sealed "$url" "$out"
stop_ui
echo "browser-test: ok (screenshots in .build-browser/)"
