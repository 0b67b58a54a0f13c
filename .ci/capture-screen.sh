#!/usr/bin/env bash
# Prints the demo dashboard's main screen as text, as a 120x35 terminal shows
# it: builds tokentui, runs `tokentui --demo` in a private tmux server, waits
# for the first list to load, captures the pane and quits.
#
#   .ci/capture-screen.sh              # print to stdout
#   .ci/capture-screen.sh screen.txt   # write to a file
#
# Needs tmux. NO_COLOR keeps the capture plain; the clock in the status bar
# and the emulator's port change between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-/dev/stdout}"
work="$(mktemp -d)"
sock="tokentui-capture-$$"
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/tokentui" .
tmux -L "$sock" -f /dev/null new-session -d -s capture -x 120 -y 35 \
	"env NO_COLOR=1 TERM=xterm-256color $work/tokentui --demo"

# The status bar says "refreshed HH:MM:SS" once the list is in.
for _ in $(seq 1 100); do
	if tmux -L "$sock" capture-pane -p -t capture | grep -q 'refreshed'; then
		break
	fi
	sleep 0.1
done
sleep 0.3 # let the catalog's scope labels land too
tmux -L "$sock" capture-pane -p -t capture > "$work/screen.txt"
if ! grep -q 'refreshed' "$work/screen.txt"; then
	echo "capture-screen: the dashboard did not load within 10 s; the screen was:" >&2
	cat "$work/screen.txt" >&2
	exit 1
fi
tmux -L "$sock" send-keys -t capture q
cp "$work/screen.txt" "$out"
