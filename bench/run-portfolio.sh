#!/usr/bin/env bash
# The portfolio's figures, one command (BENCHMARKS.md "Portfolio"): a snapshot round over 10 000 portfolios of
# 5 holdings (3 rounds) and the projection's cost per fill, in a test JVM on the embedded H2 with the demo bots on.
#   bench/run-portfolio.sh
#   USERS=20000 FILLS=500000 bench/run-portfolio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh
bourse_print_machine
log=$(mktemp "${TMPDIR:-/tmp}/bourse-portfolio.XXXXXX")
set +e
./mvnw -B --no-transfer-progress -pl server -am test -Dtest=SnapshotRoundBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbourse.bench.users="${USERS:-10000}" \
  -Dbourse.bench.fills="${FILLS:-200000}" >"$log" 2>&1
status=$?
set -e
grep -E '^PORTFOLIO' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "bench: the run failed; its log: $log"
  exit "$status"
fi
rm -f "$log"
