#!/usr/bin/env bash
# The OpenAPI document as the server's contract: schemathesis generates requests from
# protocol/openapi.yaml against a real `parley serve` on 127.0.0.1, every request signed as a
# participant (scripts/schemathesis/parley_hooks.py), and fails on any 5xx or any response the
# document does not allow (status, content type, body schema, headers).
#
#   scripts/schemathesis.sh [MAX_EXAMPLES]      (default 30 per operation)
#
# Needs the debug build (`swift build`), curl, and pip's schemathesis and cryptography
# (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${1:-30}
parley=${PARLEY_BIN:-.build/debug/parley}
[ -x "$parley" ] || { echo "schemathesis: build parley first ($parley)" >&2; exit 2; }
if ! python3 -c 'import schemathesis, cryptography' >/dev/null 2>&1; then
    echo "schemathesis: installing schemathesis and cryptography" >&2
    python3 -m pip install --quiet --disable-pip-version-check schemathesis cryptography >/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --user schemathesis cryptography >/dev/null
fi

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
    [ -z "$server_pid" ] || wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
"$parley" init --home "$work/a" --name "Synthetic side A" >/dev/null
"$parley" key export-public --home "$work/a" -o "$work/a.pem"
"$parley" serve --data "$work/server" --port "$port" --admit "$work/a.pem" --log-level error &
server_pid=$!
for _ in $(seq 100); do
    curl -fsS "$url/v1/server" >/dev/null 2>&1 && break
    sleep 0.1
done
exchange=$("$parley" exchange create --home "$work/a" --title "Synthetic contract run" --participant "$work/a.pem:headquarters:A" | grep -oE '^[0-9a-f]{64}$')
"$parley" list import examples/side-a.csv --home "$work/a" --exchange "$exchange" --list request >/dev/null
"$parley" sync --home "$work/a" --server "$url" >/dev/null

export PARLEY_ST_KEY=$work/a/key.pem PARLEY_ST_EXCHANGE=$exchange
export PYTHONPATH=scripts/schemathesis${PYTHONPATH:+:$PYTHONPATH} SCHEMATHESIS_HOOKS=parley_hooks
start=$(date +%s)
python3 -m schemathesis.cli run protocol/openapi.yaml --url "$url" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "$examples" --rate-limit 15/s --seed 7470 --no-color ${SCHEMATHESIS_ARGS:-}
echo "schemathesis: done in $(( $(date +%s) - start )) s"
kill -0 "$server_pid" || { echo "schemathesis: the server died" >&2; exit 1; }
