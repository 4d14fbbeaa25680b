#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 server for the tests, on a Unix socket only.
#   scripts/postgres.sh start        initdb in a new temporary directory, start the server there
#                                    (listen_addresses='', socket in that directory), create the
#                                    role and database `territorio` with PostGIS, and print its URL:
#                                    postgresql://territorio@/territorio?host=DIR
#   scripts/postgres.sh stop URL|DIR stop that server and delete its directory
# As root the server runs as the `postgres` user (runuser); as anyone else, as that user.
# Quiet when all is well; on failure it prints the server's log.
set -euo pipefail

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
role=territorio

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

fail() {
  echo "postgres.sh: $1" >&2
  [ -f "${2:-}" ] && tail -n 20 "$2" >&2
  exit 1
}

start() {
  [ -x "$bin/initdb" ] || fail "no $bin/initdb: install postgresql-15 postgresql-15-postgis-3 (scripts/bootstrap.sh)"
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/territorio-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_server "$bin/initdb" -D "$dir/data" -A trust -U "$role" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || fail "initdb failed" "$dir/initdb.log"
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -s \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=200 -c max_locks_per_transaction=512" start \
    >/dev/null 2>&1 || fail "the server did not start" "$dir/log"
  "$bin/psql" -h "$dir" -U "$role" -d postgres -qAt -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $role" >/dev/null 2>>"$dir/log" || fail "CREATE DATABASE failed" "$dir/log"
  "$bin/psql" -h "$dir" -U "$role" -d "$role" -qAt -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION postgis" >/dev/null 2>>"$dir/log" || fail "CREATE EXTENSION postgis failed" "$dir/log"
  echo "postgresql://$role@/$role?host=$dir"
}

stop() {
  local dir=${1:?usage: scripts/postgres.sh stop URL|DIR}
  dir=${dir##*host=}
  dir=${dir%%&*}
  [ -d "$dir/data" ] || fail "no server directory at $dir"
  as_server "$bin/pg_ctl" -D "$dir/data" -w -s -m fast stop >/dev/null 2>&1 || fail "could not stop" "$dir/log"
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: scripts/postgres.sh start | stop URL|DIR" >&2; exit 64 ;;
esac
