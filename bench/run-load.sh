#!/usr/bin/env bash
# End-to-end load, one command per figure (BENCHMARKS.md lists them): builds the jars when needed, starts
# a server on a free port and a fresh data directory, runs the load generator with the given options
# against it, stops the server. Exit status: the generator's (0 only for a correct run).
#   bench/run-load.sh --mode closed --duration 30s          # maximum throughput
#   bench/run-load.sh --mode open --rate 5000               # latency at a fixed arrival rate
#   LOAD_POSTGRES=1 bench/run-load.sh --mode open --rate 5000   # read models in a fresh PostgreSQL schema
#   bench/run-load.sh --url http://localhost:8080 ...       # a server already running: none is started
#   bench/run-load.sh --help                                # the generator's options
# Environment: BOURSE_* are passed to the server (BOURSE_JAVA_OPTS: its JVM options), LOAD_JAVA_OPTS are
# the generator's JVM options, KEEP_DATA=1 keeps the server's data directory and log.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh

bourse_build_if_needed
for arg in "$@"; do
  case "$arg" in
    --help|-h) exec "$JAVA_HOME/bin/java" -cp "$BOURSE_BENCH_JAR" org.bourse.bench.load.LoadGenerator --help ;;
    --url|--url=*) bourse_print_machine; exec "$JAVA_HOME/bin/java" ${LOAD_JAVA_OPTS:-} -cp "$BOURSE_BENCH_JAR" \
        org.bourse.bench.load.LoadGenerator "$@" ;;
  esac
done

bourse_run_dir load
dir=$BOURSE_RUN_DIR
bourse_fresh_pg_schema
port=$(bourse_free_port)
bourse_print_machine
echo "bench: starting the server on port $port (data in $dir)"
bourse_start_server "$port" "$dir"
bourse_wait_healthy "$port"
set +e
bourse_load_generator --url "http://localhost:$port" --admin-bootstrap-token-file "$(bourse_admin_token_file "$dir")" "$@"
BOURSE_STATUS=$?
set -e
if [ "$BOURSE_STATUS" -ne 0 ]; then
  echo "bench: the run failed; the server log's last lines:"
  tail -n 40 "$dir/server.log"
fi
exit "$BOURSE_STATUS"
