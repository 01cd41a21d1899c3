#!/usr/bin/env bash
# A throwaway PostgreSQL server for the sink's tests (Tests/NianbaoPostgresTests), on 127.0.0.1, trust
# authentication, its data in a temporary folder. Needs Debian's `postgresql` (see .ci/packages.txt).
#
#   eval "$(Scripts/test-postgres.sh start)"   # starts it; exports NIANBAO_TEST_POSTGRES and NIANBAO_TEST_POSTGRES_DATA
#   Scripts/test-postgres.sh stop              # stops it and removes its folder
#
# As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

port="${NIANBAO_TEST_POSTGRES_PORT:-55432}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin" ] || { echo "test-postgres: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    data=$(mktemp -d /tmp/nianbao-postgres.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    as_owner "$bin/initdb" -D "$data/db" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 \
      || { cat "$data/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
      -o "-h 127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=50" start >/dev/null \
      || { cat "$data/server.log" >&2; exit 1; }
    echo "export NIANBAO_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
    echo "export NIANBAO_TEST_POSTGRES_DATA='$data'"
    ;;
  stop)
    data="${NIANBAO_TEST_POSTGRES_DATA:?test-postgres: NIANBAO_TEST_POSTGRES_DATA is not set}"
    as_owner "$bin/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data"
    ;;
  *)
    echo "usage: Scripts/test-postgres.sh start|stop" >&2
    exit 2
    ;;
esac
