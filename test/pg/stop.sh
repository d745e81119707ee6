#!/usr/bin/env bash
# Stops and removes the throwaway cluster started by test/pg/start.sh (same env variables).
set -euo pipefail
port="${SEGWB_PG_PORT:-54329}"
dir="${SEGWB_PG_DIR:-/tmp/segwb-pg-$port}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] && command -v pg_ctl >/dev/null; then bin="$(dirname "$(command -v pg_ctl)")"; fi
if [ -d "$dir/data" ] && [ -n "$bin" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  else "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
fi
rm -rf "$dir"
