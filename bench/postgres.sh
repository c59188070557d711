#!/usr/bin/env bash
# Starts or stops the benchmark's own PostgreSQL server: the Debian package's binaries, a fresh
# data directory, a free loopback port, a scram-protected superuser. As root the server runs as
# the package's postgres user (PostgreSQL refuses to run as root).
#   postgres.sh start DIR   prints "PORT USER" on stdout; the password is in DIR/password
#   postgres.sh stop DIR    stops the server and removes DIR
set -euo pipefail

readonly SUPERUSER=bench

binaries() {
  local newest
  newest=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)
  if [ -n "$newest" ]; then
    dirname "$newest"
  elif command -v initdb >/dev/null; then
    dirname "$(command -v initdb)"
  else
    echo "postgres.sh: PostgreSQL server binaries not found: install the postgresql package" >&2
    exit 1
  fi
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local dir=$1 bin port
  bin=$(binaries)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  port=$(free_port)
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
  mkdir "$dir/data"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$dir"
    chown postgres "$dir/data" "$dir/password"
  fi
  as_server_user "$bin/initdb" -D "$dir/data" -U "$SUPERUSER" --pwfile="$dir/password" \
    --auth=scram-sha-256 -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1
  # Large shared buffers keep the whole table in memory, so every contestant reads it hot.
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/data -c fsync=off -c synchronous_commit=off -c shared_buffers=4GB -c max_connections=40" \
    start >"$dir/pg_ctl.log" 2>&1
  echo "$port" > "$dir/port"
  echo "$port $SUPERUSER"
}

stop() {
  local dir=$1
  [ -d "$dir/data" ] || return 0
  as_server_user "$(binaries)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
