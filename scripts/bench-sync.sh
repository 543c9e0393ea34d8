#!/usr/bin/env bash
# The sync protocol's speed on loopback (release build): a full sync of a 100k-envelope exchange
# into an empty replica, an incremental sync of 10 envelopes, 50 clients pushing at once. Rates are
# also given as a share of `openssl speed -multi 2 ed25519` verify (both cores), measured first.
#
#   scripts/bench-sync.sh [ENVELOPES] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
envelopes=${1:-100000}
clients=${2:-50}
verify=$(openssl speed -seconds 2 -multi 2 ed25519 2>/dev/null | awk '/Ed25519/ && /bits/ { print int($NF) }' | tail -n 1)
swift build -c release --product parley-bench >/dev/null
exec .build/release/parley-bench sync --envelopes "$envelopes" --clients "$clients" --openssl-verify "$verify"
