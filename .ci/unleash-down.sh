#!/usr/bin/env bash
# Stop what unleash-up.sh started: the two Unleash processes by the pids it
# recorded, then our PostgreSQL cluster. Data stays in $WORK, so the next unleash-up.sh
# is quick; delete $WORK for a clean slate. Safe to run when nothing runs.
set -u
WORK=${WORK:-/tmp/unleash-ci}
for name in unleash unleash-secure; do
  [ -f "$WORK/$name.pid" ] || continue
  pid=$(cat "$WORK/$name.pid")
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$WORK/$name.pid"
done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$PGBIN" ] && [ -f "$WORK/pg/data/PG_VERSION" ]; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
fi
echo "[unleash-down] stopped" >&2
exit 0
