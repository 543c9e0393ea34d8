#!/usr/bin/env bash
# A throwaway PostgreSQL server for the Postgres runs of the server store tests.
#
#   scripts/postgres-test.sh start   # installs postgresql if needed, starts it, prints the URL
#   scripts/postgres-test.sh env     # prints `export PARLEY_TEST_POSTGRES_URL=…` for eval
#   scripts/postgres-test.sh stop    # stops it and removes its folder
#
#   eval "$(scripts/postgres-test.sh start >/dev/null && scripts/postgres-test.sh env)"
#   swift test --filter ParleyStoreTests
#
# The cluster lives in a folder under /tmp, listens on 127.0.0.1 only, on an unusual port
# (PARLEY_TEST_POSTGRES_PORT, default 54329), with its Unix socket in its own folder. When run as
# root, the server runs as the `postgres` user (PostgreSQL refuses to run as root). All data is
# synthetic test data; the password is not a secret.
set -euo pipefail

port="${PARLEY_TEST_POSTGRES_PORT:-54329}"
dir="${PARLEY_TEST_POSTGRES_DIR:-/tmp/parley-postgres-test-$port}"
user=parley
password=parley
database=parley_test
url="postgres://$user:$password@127.0.0.1:$port/$database?sslmode=disable"

log() { echo "postgres-test: $*" >&2; }

# The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin, else the PATH's.
find_bin() {
    local candidate
    candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then
        echo "$candidate"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

# Runs a command as the server's user: `postgres` when we are root, else ourselves.
as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

install_postgres() {
    if [ "$(id -u)" -ne 0 ]; then
        log "initdb is missing and installing postgresql needs root"
        exit 1
    fi
    log "installing postgresql"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package starts its own cluster on 5432 where there is an init system; ours is separate.
}

is_running() {
    local bin="$1"
    [ -f "$dir/data/PG_VERSION" ] && as_server_user "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
    local bin
    bin=$(find_bin)
    if [ -z "$bin" ]; then
        install_postgres
        bin=$(find_bin)
        [ -n "$bin" ] || { log "postgresql installed but initdb not found"; exit 1; }
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir "$dir" --shell /usr/sbin/nologin postgres
    fi
    if is_running "$bin"; then
        log "already running in $dir"
        echo "$url"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    printf '%s\n' "$password" >"$dir/password"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir/password"; fi

    log "initdb in $dir/data ($("$bin/initdb" --version))"
    as_server_user "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/password" \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    log "starting on 127.0.0.1:$port"
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200" \
        start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$bin/createdb" -h "$dir" -p "$port" -U "$user" "$database"
    log "ready: $url"
    echo "$url"
}

stop() {
    local bin
    bin=$(find_bin)
    if [ -n "$bin" ] && is_running "$bin"; then
        as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
        log "stopped"
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) echo "export PARLEY_TEST_POSTGRES_URL='$url'" ;;
    *)
        echo "usage: $0 start|stop|env" >&2
        exit 2
        ;;
esac
