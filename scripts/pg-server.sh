#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 + PostGIS 3 server on a loopback port for the test suite.
# Usage: scripts/pg-server.sh start|stop   (prints DATABASE_URL=... on start)
# Installs postgresql-15 and postgresql-15-postgis-3 from Debian's packages when missing (needs root).
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGDIR=${PGCI_DIR:-/tmp/safegrid-pg-$PGPORT}
PGBIN=/usr/lib/postgresql/15/bin
cmd=${1:-start}

need_install() {
  [ -x "$PGBIN/postgres" ] || return 0
  ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1 || return 0
  return 1
}

if [ "$cmd" = stop ]; then
  [ -d "$PGDIR/data" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
  exit 0
fi

if need_install; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL 15 + PostGIS 3 are missing. Install them with:" >&2
    echo "  sudo apt-get install -y postgresql-15 postgresql-15-postgis-3" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-postgis-3 >/dev/null
fi

if [ -f "$PGDIR/data/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/postgres"
  exit 0
fi
rm -rf "$PGDIR"; mkdir -p "$PGDIR"; chown postgres "$PGDIR"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/pg.log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/postgres"
