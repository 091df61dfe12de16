#!/usr/bin/env bash
# Makes a throwaway PostgreSQL server available to the tests (the pg state backend needs a real
# one). On a fresh Debian machine as root it installs the `postgresql` package first.
#
#   eval "$(.ci/pg.sh start)"   # starts it and exports ORGFORM_TEST_PG_URL
#   .ci/pg.sh stop              # stops it and removes its data directory
#   .ci/pg.sh status
#
# Environment: ORGFORM_PG_PORT (default 54329), ORGFORM_PG_DIR (default /tmp/orgform-pg).
# Only the export line goes to stdout, so `eval` is safe; progress goes to stderr.
set -euo pipefail

PORT="${ORGFORM_PG_PORT:-54329}"
DIR="${ORGFORM_PG_DIR:-/tmp/orgform-pg}"
DATA="$DIR/data"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

log() { echo "pg.sh: $*" >&2; }

find_bindir() {
  local dir
  # Debian keeps the server binaries off PATH, one directory per major version: take the newest.
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

install_postgres() {
  if [[ "$(id -u)" != 0 ]]; then
    log "PostgreSQL is not installed and this is not root: install the postgresql package (apt-get install -y postgresql)."
    exit 1
  fi
  log "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
}

# initdb and postgres refuse to run as root: as root, run them as the postgres user.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DIR" --shell /bin/sh postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bindir
  bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)"; }
  if [[ -f "$DATA/postmaster.pid" ]] && as_owner "$bindir/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "already running on 127.0.0.1:$PORT"
  else
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [[ "$(id -u)" == 0 ]] && chown postgres: "$DIR" 2>/dev/null || true
    as_owner "$bindir/initdb" -D "$DATA" -U postgres --auth=trust --no-instructions -E UTF8 >&2
    # Loopback only, trust auth, socket in the data dir (no /var/run permissions needed); fsync
    # off because this server's data is thrown away.
    as_owner "$bindir/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
      || { cat "$DIR/server.log" >&2; exit 1; }
    log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data in $DATA)"
  fi
  echo "export ORGFORM_TEST_PG_URL=$URL"
}

stop() {
  local bindir
  bindir="$(find_bindir)" || { log "no PostgreSQL binaries: nothing to stop"; return 0; }
  if [[ -d "$DATA" ]]; then
    as_owner "$bindir/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
    rm -rf "$DIR"
  fi
  log "stopped"
}

status() {
  local bindir
  bindir="$(find_bindir)" || { log "PostgreSQL is not installed"; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$DATA" status >&2
  echo "export ORGFORM_TEST_PG_URL=$URL"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) log "usage: $0 start|stop|status"; exit 2 ;;
esac
