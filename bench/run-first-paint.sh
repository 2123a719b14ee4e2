#!/usr/bin/env bash
# First paint of the web terminal's trade view, one command (BENCHMARKS.md): starts the server in a test JVM
# on a free port with the demo bots on, opens /#/trade/BTC-USD in headless Debian Chromium (apt-get install
# chromium chromium-driver) RUNS times with a fresh profile and once more as a reload each time, and prints
# each run's timings and their medians (first-contentful-paint and the terminal's own paint marks).
#   bench/run-first-paint.sh            # 7 runs
#   RUNS=15 bench/run-first-paint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh
bourse_print_machine
log=$(mktemp "${TMPDIR:-/tmp}/bourse-first-paint.XXXXXX")
set +e
./mvnw -B --no-transfer-progress -pl server -am test -Dtest=TradeViewFirstPaintBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbourse.bench.runs="${RUNS:-7}" >"$log" 2>&1
status=$?
set -e
grep -E '^(first-paint run|FIRST-PAINT|  (first|bourse))|bourse: SKIPPED' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "bench: the run failed; its log: $log"
  exit "$status"
fi
rm -f "$log"
