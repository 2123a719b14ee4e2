#!/usr/bin/env bash
# Recovery time after kill -9 with about a million journaled commands:
#   bench/run-recovery.sh [COMMANDS] [load generator options...]     (COMMANDS default 1000000)
# 1. starts a server on a fresh data directory, timing the start (the baseline: JVM, Spring, empty journal);
# 2. pushes COMMANDS cheap commands through the load generator: limit orders that rest and their cancels,
#    in pairs (closed loop, every acknowledged order checked in its owner's list afterwards);
# 3. kills the server with SIGKILL: no shutdown hook, no final snapshot;
# 4. starts it again on the same data directory and times it until /actuator/health is UP;
# 5. asks the recovered server for its audit, which must be healthy and at an engine sequence no lower than
#    before the kill (a server that lost acknowledged commands recovers to a lower one).
# Periodic snapshots are pushed out of the way (BOURSE_SNAPSHOT_EVERY=1000000000) so the restart replays the
# whole journal; set BOURSE_SNAPSHOT_EVERY to measure recovery from a snapshot instead. BOURSE_* variables
# and BOURSE_JAVA_OPTS go to the server, LOAD_JAVA_OPTS to the generator, KEEP_DATA=1 keeps the data.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh

commands=1000000
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  commands=$1
  shift
fi
export BOURSE_SNAPSHOT_EVERY="${BOURSE_SNAPSHOT_EVERY:-1000000000}"

now_ms() { date +%s%3N; }

bourse_build_if_needed
bourse_run_dir recovery
dir=$BOURSE_RUN_DIR
bourse_fresh_pg_schema
bourse_print_machine
port=$(bourse_free_port)

echo "bench: first start on an empty data directory ($dir), port $port"
started=$(now_ms)
bourse_start_server "$port" "$dir"
bourse_wait_healthy "$port"
first_start_ms=$(( $(now_ms) - started ))
echo "bench: healthy after ${first_start_ms} ms"

echo "bench: pushing $commands commands (resting limit orders and their cancels)"
bourse_load_generator --url "http://localhost:$port" --mode closed --warmup 0s --requests "$commands" \
  --mix limit=50,cancel=50 --crossing 0 --order-check list --users 16 \
  --admin-bootstrap-token-file "$(bourse_admin_token_file "$dir")" "$@"

admin_token() {
  curl -sf -XPOST "http://localhost:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$BOURSE_LOAD_ADMIN_EMAIL\",\"password\":\"$BOURSE_LOAD_ADMIN_PASSWORD\"}" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
audit() {
  curl -sf "http://localhost:$port/api/v1/admin/reconciliation" -H "authorization: Bearer $(admin_token)" || true
}
sequence_of() { sed -n 's/.*"sequence":"\([0-9]*\)".*/\1/p'; }

# the generator's audit ran after its load and nothing has happened since: the sequence to recover to
sequence_before=$(audit | sequence_of)
journal_bytes=$(du -sb "$dir/data/engine" 2>/dev/null | cut -f1 || echo 0)
echo "bench: kill -9 of the server (engine directory: ${journal_bytes} bytes)"
kill -9 "$BOURSE_SERVER_PID"
wait "$BOURSE_SERVER_PID" 2>/dev/null || true
BOURSE_SERVER_PID=""

echo "bench: restarting on the same data directory"
started=$(now_ms)
bourse_start_server "$port" "$dir"
bourse_wait_healthy "$port" 1800
recovery_ms=$(( $(now_ms) - started ))
echo "bench: healthy again after ${recovery_ms} ms"

after=$(audit)
sequence_after=$(echo "$after" | sequence_of)
echo "bench: audit after recovery: $after"
healthy=false
if echo "$after" | grep -q '"healthy":true'; then
  healthy=true
fi
recovered=false
if [ -n "$sequence_before" ] && [ -n "$sequence_after" ] && [ "$sequence_after" -ge "$sequence_before" ]; then
  recovered=true
fi
echo "bench: engine sequence ${sequence_before:-?} before the kill, ${sequence_after:-?} after recovery"
echo "RECOVERY-SUMMARY {\"commands\":$commands,\"engine_dir_bytes\":$journal_bytes,\"first_start_ms\":$first_start_ms,\"recovery_ms\":$recovery_ms,\"sequence_before\":\"${sequence_before}\",\"sequence_after\":\"${sequence_after}\",\"audit_healthy\":$healthy,\"recovered_everything\":$recovered}"
if [ "$healthy" = true ] && [ "$recovered" = true ]; then
  BOURSE_STATUS=0
else
  echo "bench: FAILED: the recovered server is not healthy or lost acknowledged commands"
fi
exit "$BOURSE_STATUS"
