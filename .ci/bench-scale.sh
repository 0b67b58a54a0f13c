#!/usr/bin/env bash
# Whole-process figures of tokentui on big lists, against curl fetching the
# same list in the same run: for 10 000 and 100 000 generated tokens it
# starts .ci/emulator (a GoodAccess emulator in its own process) and prints
#
#   - the median wall time of curl, `list --json` and `list` (table), and
#     of the dashboard's launch (start → table painted), `r` (→ loaded) and
#     profile switch (→ table painted), timed in a pseudo-terminal by
#     .ci/scaledrive, each as a ratio to curl;
#   - the peak memory (/usr/bin/time -v, maximum resident set size) of
#     `list --json`, `list` and the dashboard after ten refreshes.
#
# It prints figures; it is not a pass/fail test (absolute times are noise
# on a shared machine; ratios measured side by side are what to compare).
#
#   .ci/bench-scale.sh                      # 10 000 and 100 000, 5 runs each
#   SIZES="100000" RUNS=9 .ci/bench-scale.sh
#   BIN=/tmp/tokentui-main .ci/bench-scale.sh   # measure another build
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10000 100000}"
RUNS="${RUNS:-5}"
work="$(mktemp -d)"
emulator_pid=""
cleanup() {
	if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

export GOFLAGS="${GOFLAGS:--buildvcs=false}"
built="${BIN:-$work/tokentui}"
[ -n "${BIN:-}" ] || go build -o "$built" .
# tokentui is run as curl is, by itself (not through env, whose own start
# would count against it), and opens profile a of the config below.
bin=("$built")
go build -o "$work/emulator" ./.ci/emulator
go build -o "$work/scaledrive" ./.ci/scaledrive

# median prints the median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timed runs a command RUNS times (output discarded) and prints the median
# wall time in seconds.
timed() {
	for _ in $(seq "$RUNS"); do
		local t0 t1
		t0=$(date +%s%N)
		"$@" > /dev/null
		t1=$(date +%s%N)
		echo "$(((t1 - t0) / 1000))e-6"
	done | median
}

# rss prints the maximum resident set size /usr/bin/time -v wrote, in MiB.
rss() { awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/rusage"; }

# peak prints the peak memory of a command.
peak() {
	/usr/bin/time -v -o "$work/rusage" "$@" > /dev/null
	rss
}

# dashboard_peak prints the dashboard's peak memory over ten refreshes.
dashboard_peak() {
	"$work/scaledrive" -tokens "$TOKENTUI_TOKENS" -refreshes 10 -- \
		/usr/bin/time -v -o "$work/rusage" "${bin[@]}" > /dev/null
	rss
}

# start_emulator serves n generated tokens and exports its URL and token.
start_emulator() {
	"$work/emulator" -extra "$1" > "$work/emulator.env" &
	emulator_pid=$!
	for _ in $(seq 600); do
		grep -q TOKENTUI_TOKENS "$work/emulator.env" 2>/dev/null && break
		sleep 0.1
	done
	# shellcheck disable=SC1091
	. "$work/emulator.env"
	# TOKENTUI_URL in tokentui's environment would make an extra profile
	# of its own: curl gets it as a shell variable.
	url=$TOKENTUI_URL
	export -n TOKENTUI_URL
	mkdir -p "$work/config/tokentui"
	cat > "$work/config/tokentui/config.yaml" <<-EOF
	default: a
	profiles:
	  a: {provider: goodaccess, url: "$url", token_env: TOKENTUI_TOKEN}
	  b: {provider: goodaccess, url: "$url", token_env: TOKENTUI_TOKEN}
	EOF
	export XDG_CONFIG_HOME="$work/config"
	# A first fetch each, so no run pays for a cold cache.
	fetch > /dev/null
	"${bin[@]}" list --json > /dev/null
}

stop_emulator() {
	kill "$emulator_pid"
	wait "$emulator_pid" 2>/dev/null || true
	emulator_pid=""
}

fetch() { curl -sSf -H "Authorization: Bearer $TOKENTUI_TOKEN" "$url/api/v1/tokens"; }

# dashboard runs the dashboard RUNS times (launch, 3 refreshes, 2 switches)
# and prints the medians of launch, refresh and switch.
dashboard() {
	for _ in $(seq "$RUNS"); do
		"$work/scaledrive" -tokens "$TOKENTUI_TOKENS" -refreshes 3 -switches 2 -- "${bin[@]}"
	done > "$work/dashboard"
	for what in launch refresh switch; do
		awk -v w="$what" '$1 == w { print $2 }' "$work/dashboard" | median
	done | paste -sd' '
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }'; }

echo "tokentui at scale: $(nproc) cores, $(go env GOVERSION), medians of $RUNS runs; (x) is the ratio to curl fetching the same list"
echo
printf '%-8s  %-7s  %-15s  %-27s  %-15s  %-15s  %-15s  %s\n' \
	tokens curl "list --json" "list (table)" launch "r refresh" "profile switch" "peak MiB: list --json, list, dashboard after 10 r"
for n in $SIZES; do
	start_emulator "$n"
	curl_s=$(timed fetch)
	json_s=$(timed "${bin[@]}" list --json)
	table_s=$(timed "${bin[@]}" list)
	read -r launch_s refresh_s switch_s < <(dashboard)
	json_rss=$(peak "${bin[@]}" list --json)
	table_rss=$(peak "${bin[@]}" list)
	dash_rss=$(dashboard_peak)
	cell() { printf '%s (%s)' "$(ms "$1")" "$(ratio "$1" "$curl_s")"; }
	printf '%-8s  %-7s  %-15s  %-27s  %-15s  %-15s  %-15s  %s, %s, %s\n' \
		"$TOKENTUI_TOKENS" "$(ms "$curl_s")" "$(cell "$json_s")" "$(cell "$table_s"), $(ratio "$table_s" "$json_s") json" \
		"$(cell "$launch_s")" "$(cell "$refresh_s")" "$(cell "$switch_s")" "$json_rss" "$table_rss" "$dash_rss"
	stop_emulator
done
