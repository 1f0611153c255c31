#!/usr/bin/env bash
# `npm test`: every check and every test, on a fresh Debian machine.
#   dependencies → typecheck → lint → OpenAPI drift → unit + web tests → database tests on
#   PGlite → the same on PostgreSQL 15 + PostGIS 3 (started on a loopback port) → browser
#   journeys in Debian's chromium. Installs chromium and PostgreSQL from Debian's packages when
#   run as root; otherwise says which packages to install.
set -uo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
mkdir -p .cache
RESULTS=.cache/test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
failed_steps=()

step() { echo; echo "=== $* ==="; }
need_root_install() {
  local pkgs=("$@")
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null || { echo "apt-get install ${pkgs[*]} failed" >&2; exit 1; }
  else
    echo "Missing system packages. Install them with: sudo apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
}

step "dependencies"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || exit 1
fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then echo "installing ${missing[*]}"; need_root_install "${missing[@]}"; fi

run() { # name, command...
  local name=$1; shift
  step "$name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

run "typecheck" npm run -s typecheck
run "lint" npm run -s lint
run "openapi drift" npm run -s gen:check
run "unit + web tests" npx vitest run --project unit --project web --reporter=default --reporter=json --outputFile="$RESULTS/unit-web.json"
run "database tests (PGlite)" env TEST_ENGINE=pglite npx vitest run --project db --reporter=default --reporter=json --outputFile="$RESULTS/db-pglite.json"

step "PostgreSQL 15 + PostGIS server"
PGPORT=${SAFEGRID_TEST_PGPORT:-54329}
if out=$(PGPORT=$PGPORT bash scripts/pg-server.sh start); then
  export DATABASE_URL_TEST=${out#DATABASE_URL=}
  echo "$out"
  run "database tests (PostgreSQL)" env TEST_ENGINE=pg DATABASE_URL="$DATABASE_URL_TEST" npx vitest run --project db --reporter=default --reporter=json --outputFile="$RESULTS/db-pg.json"
else
  failed_steps+=("postgresql server")
fi

run "build web" npm run -s build
run "browser journeys" env E2E_RESULTS="$RESULTS/e2e.json" npm run -s test:e2e

PGPORT=$PGPORT bash scripts/pg-server.sh stop >/dev/null 2>&1 || true

node scripts/test-summary.mjs "$RESULTS" "${failed_steps[@]}"
