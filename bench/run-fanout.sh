#!/usr/bin/env bash
# WebSocket fan-out, one command (BENCHMARKS.md): builds the jars when needed, starts a server on a free port
# and a fresh data directory (no demo bots, rate limits out of the way), runs the fan-out benchmark against
# it, stops the server. Exit status: the benchmark's (0 only when every subscriber connected and got messages).
#   bench/run-fanout.sh                                          # 100 subscribers, 200 orders/s, 30 s
#   bench/run-fanout.sh --subscribers 1000 --rate 500 --duration 60s
#   bench/run-fanout.sh --url http://localhost:8080 ...          # a server already running: none is started
#   bench/run-fanout.sh --help                                   # every option
# Environment: BOURSE_* are passed to the server (BOURSE_JAVA_OPTS: its JVM options), LOAD_JAVA_OPTS are
# the benchmark's JVM options, KEEP_DATA=1 keeps the server's data directory and log.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh

fanout() {
  "$JAVA_HOME/bin/java" ${LOAD_JAVA_OPTS:-} -cp "$BOURSE_BENCH_JAR" org.bourse.bench.load.FanoutBenchmark "$@"
}

bourse_build_if_needed
for arg in "$@"; do
  case "$arg" in
    --help|-h) fanout --help; exit 0 ;;
    --url|--url=*) bourse_print_machine; fanout "$@"; exit $? ;;
  esac
done

bourse_run_dir fanout
dir=$BOURSE_RUN_DIR
port=$(bourse_free_port)
bourse_print_machine
echo "bench: starting the server on port $port (data in $dir)"
bourse_start_server "$port" "$dir"
bourse_wait_healthy "$port"
set +e
fanout --url "http://localhost:$port" --admin-bootstrap-token-file "$(bourse_admin_token_file "$dir")" "$@"
BOURSE_STATUS=$?
set -e
if [ "$BOURSE_STATUS" -ne 0 ]; then
  echo "bench: the run failed; the server log's last lines:"
  tail -n 40 "$dir/server.log"
fi
exit "$BOURSE_STATUS"
