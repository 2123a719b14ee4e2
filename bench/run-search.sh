#!/usr/bin/env bash
# Order search over a large index, one command (BENCHMARKS.md, "Order search"): starts the server in a test JVM
# with the embedded H2, fills the search index with ORDERS orders (default 1 000 000, 1 000 per user), and
# measures cold searches, warm L1 hits and GET /markets through HTTP, one request at a time.
#   bench/run-search.sh
#   ORDERS=100000 SAMPLES=500 bench/run-search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh
bourse_print_machine
log=$(mktemp "${TMPDIR:-/tmp}/bourse-search.XXXXXX")
set +e
./mvnw -B --no-transfer-progress -pl server -am test -Dtest=OrderSearchBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbourse.bench.orders="${ORDERS:-1000000}" \
  -Dbourse.bench.orders-per-user="${ORDERS_PER_USER:-1000}" -Dbourse.bench.samples="${SAMPLES:-2000}" >"$log" 2>&1
status=$?
set -e
grep -E '^SEARCH-BENCH|bourse: SKIPPED' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "bench: the run failed; its log: $log"
  exit "$status"
fi
rm -f "$log"
