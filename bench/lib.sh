# shellcheck shell=bash
# Shared helpers of the bench/ scripts: free ports, nginx with a generated config,
# a fresh CARGO_HOME pointed at a registry, waiting for a server. Source it.
set -euo pipefail

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_BUILD=${STOWAWAY_BUILD:-$BENCH_SRC/build}
TESTREGISTRY_BIN=${TESTREGISTRY_BIN:-$BENCH_BUILD/bin/stowaway-testregistry}
POPULATE_BIN=${POPULATE_BIN:-$BENCH_BUILD/bin/stowaway-populate}
STOWAWAY_BIN=${STOWAWAY_BIN:-$BENCH_BUILD/bin/stowaway}
NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}
# rustup's cargo first: a distribution's cargo may predate sparse registries.
export PATH="$HOME/.cargo/bin:$PATH"

bench_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
bench_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A TCP port nobody listens on right now (bound on 127.0.0.1, then released).
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_http URL SECONDS [CURL OPTIONS]: polls until the URL answers 200, or fails.
wait_for_http() {
    local url=$1 deadline=$((SECONDS + $2))
    shift 2
    while [ $SECONDS -lt "$deadline" ]; do
        if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    bench_die "no answer from $url within $2 s"
}

# write_nginx_conf DIR ROOT PORT: nginx.conf serving ROOT as a static sparse registry.
# sendfile/tcp_nopush on, access log on (stowaway logs too), open_file_cache OFF:
# every request opens its file, as a mirror whose files change under it must.
write_nginx_conf() { # DIR ROOT PORT [CERT KEY]: with CERT and KEY, HTTPS with HTTP/2 (ALPN)
    local dir=$1 root=$2 port=$3 cert=${4:-} key=${5:-}
    local listen="listen 127.0.0.1:$port;"
    [ -n "$cert" ] && listen="listen 127.0.0.1:$port ssl http2; ssl_certificate $cert; ssl_certificate_key $key;"
    mkdir -p "$dir/tmp"
    # As root, nginx would run its workers as nobody, who cannot read a mktemp folder:
    # keep them as the invoking user (stowaway runs as that user too).
    local user_line=""
    [ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
    cat > "$dir/nginx.conf" <<CONF
$user_line
daemon off;
master_process on;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    types { text/plain txt json; application/gzip crate; }
    default_type text/plain;
    access_log $dir/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    open_file_cache off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        $listen
        root $root;
        location /index/ { default_type text/plain; etag on; }
        location /crates/ { default_type application/gzip; }
    }
}
CONF
}

# start_nginx DIR: starts nginx in the background with DIR/nginx.conf; sets NGINX_PID.
start_nginx() {
    local dir=$1
    [ -x "$NGINX_BIN" ] || bench_die "nginx not found at $NGINX_BIN (apt-get install nginx-light)"
    "$NGINX_BIN" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
    NGINX_PID=$!
}

# make_cargo_home DIR INDEX_URL: a fresh CARGO_HOME whose crates-io source is replaced
# by the sparse registry at INDEX_URL (must end in /). Cargo never reaches the internet.
make_cargo_home() {
    local home=$1 index=$2
    rm -rf "$home"
    mkdir -p "$home"
    cat > "$home/config.toml" <<CONF
[source.crates-io]
replace-with = "testreg"

[source.testreg]
registry = "sparse+$index"

[net]
retry = 0

[http]
timeout = 10
CONF
}

# Environment for every cargo run: bounded, quiet about the network, no internet.
cargo_env() {
    export CARGO_NET_RETRY=0 CARGO_HTTP_TIMEOUT=10 CARGO_TERM_COLOR=never
    command -v cargo >/dev/null || bench_die "cargo not found on PATH or in ~/.cargo/bin"
}
