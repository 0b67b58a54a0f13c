#!/usr/bin/env bash
# Integration tests of client/unleash against a real Unleash server: bring
# one up (unleash-up.sh), run the tests tagged "integration" with its URL and
# admin token, stop it again. Skipped tests count as a failure here: a green
# run must mean the real server was exercised.
# KEEP_UNLEASH=1 leaves the server running afterwards (faster reruns).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "[integration] $*" >&2; }

# One real Unleash at a time on this machine (port 4242, one database):
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
UNLEASH_ADMIN_TOKEN=$(sed -n 's/.* UNLEASH_ADMIN_TOKEN=\(.*\)$/\1/p' <<<"$env_line")
[ -n "$UNLEASH_URL" ] && [ -n "$UNLEASH_ADMIN_TOKEN" ] || { say "unleash-up.sh printed no environment"; exit 1; }
export UNLEASH_URL UNLEASH_ADMIN_TOKEN

log=$(mktemp)
status=0
go test -race -tags integration -count=1 -v -run 'UnleashIntegration' ./client/unleash/... 2>&1 | tee "$log" || status=$?
if [ "$status" != 0 ]; then
  say "integration tests failed"; rm -f "$log"; exit "$status"
fi
if grep -q -- '--- SKIP' "$log"; then
  say "integration tests were skipped; that is a failure here:"; grep -- '--- SKIP' "$log" >&2; rm -f "$log"; exit 1
fi
for t in TestUnleashIntegrationList TestUnleashIntegrationCreateEachType TestUnleashIntegrationValidation TestUnleashIntegrationEmulatorParity; do
  grep -q -- "--- PASS: $t " "$log" || { say "$t did not run and pass"; rm -f "$log"; exit 1; }
done
rm -f "$log"
say "integration tests passed against $UNLEASH_URL"
