#!/usr/bin/env bash
# Throwaway PostgreSQL for tests: `.ci/postgres.sh start` prints nothing but errors; `.ci/postgres.sh stop` removes it.
# The server refuses to run as root, so it runs as the postgres user. fsync is off: the data is thrown away.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGROOT=${PGROOT:-/tmp/clearline-pg}
PGPORT=${PGPORT:-55432}
PGDATA="$PGROOT/data"

case "${1:-}" in
  start)
    if [ ! -x "$PGBIN/initdb" ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql-15 >/dev/null
    fi
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    mkdir -p "$PGROOT" && chown postgres:postgres "$PGROOT"
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
      runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/server.log" -w -t 60 \
      -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"
    echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ -s "$PGDATA/PG_VERSION" ]; then
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$PGROOT"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
