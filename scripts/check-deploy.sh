#!/usr/bin/env bash
# Checks what of deploy/ can be checked without a Docker engine or a real host:
# nginx.conf with `nginx -t` (against a throwaway certificate), and the systemd unit with
# `systemd-analyze verify` where systemd is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "check-deploy: installing nginx" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
    fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ed25519 -nodes -days 1 -subj "/CN=parley.example.org" \
    -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
sed -e "s|/etc/parley/tls/|$work/|g" deploy/nginx.conf > "$work/parley-site.conf"
cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    include $work/parley-site.conf;
}
CONF
"$NGINX" -t -q -c "$work/nginx.conf" -p "$work"
echo "check-deploy: deploy/nginx.conf passes nginx -t"

if command -v systemd-analyze >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemd-analyze verify deploy/parley-server.service
    echo "check-deploy: deploy/parley-server.service passes systemd-analyze verify"
else
    echo "check-deploy: systemd is not running here; the unit file is not checked"
fi
