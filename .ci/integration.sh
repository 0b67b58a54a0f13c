#!/usr/bin/env bash
# Integration tests of client/unleash against a real Unleash server, in both
# token-storage modes: unleash-up.sh brings up two server processes on one
# database, one as configured by default and one with secure token storage
# (UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true); the tests tagged "integration"
# run once against each, told which mode it is (UNLEASH_SECURE_TOKENS) and
# where the other one is (UNLEASH_OTHER_URL, for a list that mixes both
# kinds). Then the servers stop. Skipped tests count as a failure here: a
# green run must mean both real servers were exercised.
# KEEP_UNLEASH=1 leaves the servers running afterwards (faster reruns).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "[integration] $*" >&2; }

# One real Unleash at a time on this machine (ports 4242 and 4243, one database):
# concurrent runs from other checkouts wait here instead of colliding.
if [ -z "${TOKENTUI_UNLEASH_LOCKED:-}" ] && command -v flock >/dev/null; then
  export TOKENTUI_UNLEASH_LOCKED=1
  exec flock /tmp/tokentui-unleash.lock bash "$0" "$@"
fi

if [ "${KEEP_UNLEASH:-0}" != 1 ]; then
  trap 'bash .ci/unleash-down.sh' EXIT # also after a failed start
fi
env_line=$(bash .ci/unleash-up.sh | tail -1)
# The admin token holds "*": parse the line instead of word-splitting it.
UNLEASH_URL=$(sed -n 's/^UNLEASH_URL=\([^ ]*\) .*/\1/p' <<<"$env_line")
UNLEASH_SECURE_URL=$(sed -n 's/.* UNLEASH_SECURE_URL=\([^ ]*\) .*/\1/p' <<<"$env_line")
UNLEASH_ADMIN_TOKEN=$(sed -n 's/.* UNLEASH_ADMIN_TOKEN=\(.*\)$/\1/p' <<<"$env_line")
[ -n "$UNLEASH_URL" ] && [ -n "$UNLEASH_SECURE_URL" ] && [ -n "$UNLEASH_ADMIN_TOKEN" ] || { say "unleash-up.sh printed no environment"; exit 1; }
export UNLEASH_ADMIN_TOKEN

required="TestUnleashIntegrationList TestUnleashIntegrationCreateEachType TestUnleashIntegrationUpdateExpiry
TestUnleashIntegrationRevoke TestUnleashIntegrationValidation TestUnleashIntegrationEmulatorParity
TestUnleashIntegrationSecretKinds TestUnleashIntegrationMixedList TestUnleashIntegrationProjectScoped"

# run_suite SECURE URL OTHER_URL: the whole suite against URL.
run_suite() {
  local secure=$1 url=$2 other=$3 log status=0
  log=$(mktemp)
  say "secure token storage $secure: $url"
  UNLEASH_URL=$url UNLEASH_OTHER_URL=$other UNLEASH_SECURE_TOKENS=$secure \
    go test -race -tags integration -count=1 -v -run 'UnleashIntegration' ./client/unleash/... 2>&1 | tee "$log" || status=$?
  if [ "$status" != 0 ]; then
    say "integration tests failed (secure token storage $secure)"; rm -f "$log"; exit "$status"
  fi
  if grep -q -- '--- SKIP' "$log"; then
    say "integration tests were skipped; that is a failure here:"; grep -- '--- SKIP' "$log" >&2; rm -f "$log"; exit 1
  fi
  for t in $required; do
    grep -q -- "--- PASS: $t " "$log" || { say "$t did not run and pass (secure token storage $secure)"; rm -f "$log"; exit 1; }
  done
  rm -f "$log"
}

run_suite false "$UNLEASH_URL" "$UNLEASH_SECURE_URL"
run_suite true "$UNLEASH_SECURE_URL" "$UNLEASH_URL"
say "integration tests passed against $UNLEASH_URL and, with secure token storage, $UNLEASH_SECURE_URL"
