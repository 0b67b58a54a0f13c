#!/usr/bin/env bash
# The keychain tests against a real Secret Service: gnome-keyring in a
# private D-Bus session (dbus-run-session), with its keyrings in a temporary
# directory, so the machine's own keychain is never touched. Installs
# gnome-keyring, dbus and bash-completion with apt-get if missing (root;
# bash-completion is for the completion test of the main suite).
# Skipped tests count as a failure here.
#   bash .ci/keyring.sh            install if needed, then run the tests
#   bash .ci/keyring.sh --install  only install
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "[keyring] $*" >&2; }

if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null ||
  [ ! -f /usr/share/bash-completion/bash_completion ]; then
  say "installing gnome-keyring, dbus and bash-completion (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    gnome-keyring dbus-daemon bash-completion >/dev/null
fi
[ "${1:-}" = --install ] && exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/data" "$tmp/run"
log="$tmp/test.log"
status=0
# The daemon gets a throwaway login keyring, unlocked with a throwaway
# password; it ends with the session bus.
XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" dbus-run-session -- bash -c '
  eval "$(printf %s ci-only-password | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  go test -race -tags keyring -count=1 -v -run RealKeychain ./tui/cli/
' 2>&1 | tee "$log" || status=$?
if [ "$status" != 0 ] || ! grep -q '^ok ' "$log"; then
  say "keychain tests failed"; exit 1
fi
if grep -q -- '--- SKIP' "$log"; then
  say "keychain tests were skipped; that is a failure here"; exit 1
fi
for t in TestRealKeychainAuthSetListDelete TestRealKeychainProfileToken; do
  grep -q -- "--- PASS: $t " "$log" || { say "$t did not run and pass"; exit 1; }
done
say "keychain tests passed against gnome-keyring's Secret Service"
