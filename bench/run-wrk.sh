#!/usr/bin/env bash
# The HTTP ceiling: wrk against trivial endpoints of a fresh server (no demo bots, rate limits out of the
# way), for comparison with the order figures of bench/run-load.sh. Needs wrk (apt-get install -y wrk).
#   bench/run-wrk.sh                          # -t2 -c64 -d30s on each endpoint
#   bench/run-wrk.sh -t2 -c128 -d60s          # other wrk options
#   WRK_URL=http://localhost:8080 bench/run-wrk.sh   # a server already running: none is started
#   WRK_WARMUP=0 bench/run-wrk.sh             # no unmeasured 30 s run before each endpoint (the JIT's warm-up)
# Endpoints: GET /actuator/health and GET /api/v1/markets (public, no database, no engine round trip).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: wrk is not installed; on Debian or Ubuntu: apt-get update && apt-get install -y wrk" >&2
  exit 1
fi
options=("$@")
[ ${#options[@]} -gt 0 ] || options=(-t2 -c64 -d30s)

url="${WRK_URL:-}"
if [ -z "$url" ]; then
  bourse_build_if_needed
  bourse_run_dir wrk
  port=$(bourse_free_port)
  bourse_start_server "$port" "$BOURSE_RUN_DIR"
  bourse_wait_healthy "$port"
  url="http://localhost:$port"
fi
bourse_print_machine
warmup="${WRK_WARMUP:-30s}"
for path in /actuator/health /api/v1/markets; do
  if [ "$warmup" != 0 ]; then
    echo "== warm-up, not measured: wrk -t2 -c64 -d$warmup $url$path"
    wrk -t2 -c64 -d"$warmup" "$url$path" >/dev/null
  fi
  echo "== wrk ${options[*]} --latency $url$path"
  wrk "${options[@]}" --latency "$url$path"
done
BOURSE_STATUS=0
