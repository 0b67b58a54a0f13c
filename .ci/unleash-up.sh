#!/usr/bin/env bash
# Bring up a real Unleash OSS server on PostgreSQL, both on loopback only, for
# the integration tests of client/unleash: two server processes on one
# database, one as configured by default and one with secure token storage
# (UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true, which changes only how new tokens
# are made). Idempotent: a server that already answers is left as it is, a
# stopped one is started again with its data. Needs root (apt, runuser),
# node >= 20 and npm. Everything lives in $WORK.
# The last line of output is the environment to export:
#   UNLEASH_URL=http://127.0.0.1:4242 UNLEASH_SECURE_URL=http://127.0.0.1:4243 UNLEASH_ADMIN_TOKEN=*:*.…
set -euo pipefail
WORK=${WORK:-/tmp/unleash-ci}
PGPORT=${PGPORT:-5432}
UNLEASH_PORT=${UNLEASH_PORT:-4242}
UNLEASH_SECURE_PORT=${UNLEASH_SECURE_PORT:-$((UNLEASH_PORT + 1))}
UNLEASH_VERSION=${UNLEASH_VERSION:-8.2.0}
# An admin token can only come from start-up configuration in 8.2; this one is
# for a throw-away server on loopback and is not a secret.
ADMIN_TOKEN=${ADMIN_TOKEN:-'*:*.unleash-insecure-admin-api-token'}
URL="http://127.0.0.1:$UNLEASH_PORT"
SECURE_URL="http://127.0.0.1:$UNLEASH_SECURE_PORT"
say() { echo "[unleash-up] $*" >&2; }
answers() { curl -fsS -m 5 -H "Authorization: $ADMIN_TOKEN" "$1/api/admin/api-tokens" >/dev/null 2>&1; }
environment() { echo "UNLEASH_URL=$URL UNLEASH_SECURE_URL=$SECURE_URL UNLEASH_ADMIN_TOKEN=$ADMIN_TOKEN"; }

if answers "$URL" && answers "$SECURE_URL"; then
  say "already running at $URL and $SECURE_URL"
  environment
  exit 0
fi
command -v node >/dev/null && command -v npm >/dev/null || { say "node and npm are required"; exit 1; }
mkdir -p "$WORK"

# 1. PostgreSQL from the distribution's packages, in a cluster of our own
#    under $WORK so the machine's default cluster is never touched.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "installing postgresql (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG() { runuser -u postgres -- "$PGBIN/$1" "${@:2}"; }
install -d -o postgres -g postgres "$WORK/pg"
fresh=0
if [ ! -f "$WORK/pg/data/PG_VERSION" ]; then
  rm -rf "$WORK/pg/data"
  PG initdb -D "$WORK/pg/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$WORK/initdb.log"
  fresh=1
fi
if ! PG pg_ctl -D "$WORK/pg/data" status >/dev/null 2>&1; then
  PG pg_ctl -D "$WORK/pg/data" -l "$WORK/pg/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -k $WORK/pg -c fsync=off" start >/dev/null
fi
if [ "$fresh" = 1 ]; then
  PG psql -h "$WORK/pg" -p "$PGPORT" -qAt -v ON_ERROR_STOP=1 \
    -c "CREATE USER unleash_user WITH PASSWORD 'unleash_pw';" \
    -c "CREATE DATABASE unleash OWNER unleash_user;"
fi
say "postgres up on 127.0.0.1:$PGPORT"

# 2. Unleash from the npm registry, install scripts off (no post-install
#    network calls). A marker file records a complete install, so an
#    interrupted one is redone rather than trusted.
mkdir -p "$WORK/app"
cd "$WORK/app"
[ -f package.json ] || echo '{"name":"unleash-ci","private":true,"type":"module"}' >package.json
if [ "$(cat .installed 2>/dev/null)" != "$UNLEASH_VERSION" ]; then
  say "npm install unleash-server@$UNLEASH_VERSION (about 45 s)"
  rm -f .installed
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error "unleash-server@$UNLEASH_VERSION" >"$WORK/npm.log" 2>&1 \
    || { say "npm install failed:"; tail -20 "$WORK/npm.log" >&2; exit 1; }
  echo "$UNLEASH_VERSION" >.installed
fi
cat >server.mjs <<'JS'
import { start } from 'unleash-server';
await start({ server: { host: '127.0.0.1', port: Number(process.env.HTTP_PORT || 4242) } });
JS

# start_unleash PORT NAME [VAR=value…]: one server process on our database,
# its pid in $WORK/NAME.pid and its log in $WORK/NAME.log; waits until it
# is healthy (the first start runs the database migrations).
start_unleash() {
  local port=$1 name=$2 url="http://127.0.0.1:$1"
  shift 2
  if answers "$url"; then return 0; fi
  env "$@" DATABASE_URL="postgres://unleash_user:unleash_pw@127.0.0.1:$PGPORT/unleash" \
    DATABASE_SSL=false HTTP_HOST=127.0.0.1 HTTP_PORT="$port" \
    INIT_ADMIN_API_TOKENS="$ADMIN_TOKEN" CHECK_VERSION=false SEND_TELEMETRY=false LOG_LEVEL=warn \
    nohup node server.mjs >"$WORK/$name.log" 2>&1 </dev/null &
  echo $! >"$WORK/$name.pid"
  for _ in $(seq 1 1800); do
    curl -fsS -m 2 "$url/health" >/dev/null 2>&1 && break
    kill -0 "$(cat "$WORK/$name.pid")" 2>/dev/null || { say "$name exited:"; tail -40 "$WORK/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  answers "$url" || { say "$name does not answer on $url with the admin token:"; tail -40 "$WORK/$name.log" >&2; exit 1; }
}

# 3. The default server first (it migrates the database), then the one
#    with secure token storage on the same database.
start_unleash "$UNLEASH_PORT" unleash
say "unleash $UNLEASH_VERSION healthy at $URL"
start_unleash "$UNLEASH_SECURE_PORT" unleash-secure UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true
say "unleash $UNLEASH_VERSION with secure token storage healthy at $SECURE_URL"
environment
