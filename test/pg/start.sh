#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the postgres-dialect tests and prints one
# eval-able line on stdout: SEGWB_PG_URL='postgres://…'. Everything else goes to stderr.
# PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` OS user.
# Env: SEGWB_PG_PORT (default 54329), SEGWB_PG_DIR (default /tmp/segwb-pg-$PORT).
set -euo pipefail
port="${SEGWB_PG_PORT:-54329}"
dir="${SEGWB_PG_DIR:-/tmp/segwb-pg-$port}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] && command -v pg_ctl >/dev/null; then bin="$(dirname "$(command -v pg_ctl)")"; fi
[ -n "$bin" ] || { echo "test/pg/start.sh: PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port already answering means our cluster (or another) is up: reuse when it is ours.
if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  echo "test/pg/start.sh: reusing the running cluster in $dir" >&2
else
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U segwb --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2 ||
    as_owner "$bin/initdb" -D "$dir/data" -U segwb --auth=trust --encoding=UTF8 --no-locale >&2
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c TimeZone=UTC" start >&2
fi
echo "SEGWB_PG_URL='postgres://segwb@127.0.0.1:$port/postgres'"
