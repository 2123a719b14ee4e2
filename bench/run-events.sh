#!/usr/bin/env bash
# Integration events under load (BENCHMARKS.md, "Integration events"): starts a server publishing to the RabbitMQ on
# localhost:5672 (BOURSE_RABBITMQ_URL, default amqp://guest:guest@localhost:5672) under a name prefix of its own,
# runs the load generator with the given options against it, and samples the server's metrics once a second:
# events published with confirms per second (bourse_events_published_total) and the publisher's lag in journal
# sequences (bourse_events_lag{reader="rabbitmq.publisher"}). Afterwards it waits for the lag to reach 0 and
# deletes the run's queues and exchanges.
#   bench/run-events.sh --mode closed --users 50 --concurrency 64 --duration 60s --warmup 30s --order-check list --mix limit=90,market=10
# Environment: as bench/run-load.sh (BOURSE_*, LOAD_JAVA_OPTS, KEEP_DATA=1, LOAD_POSTGRES=1).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
. bench/lib/server.sh

bourse_build_if_needed
export BOURSE_RABBITMQ_URL="${BOURSE_RABBITMQ_URL:-amqp://guest:guest@localhost:5672}"
export BOURSE_RABBITMQ_PREFIX="${BOURSE_RABBITMQ_PREFIX:-bench-$(date +%s)-$RANDOM.}"

bourse_run_dir events
dir=$BOURSE_RUN_DIR
bourse_fresh_pg_schema
port=$(bourse_free_port)
bourse_print_machine
echo "bench: starting the server on port $port (data in $dir), RabbitMQ names under $BOURSE_RABBITMQ_PREFIX"
bourse_start_server "$port" "$dir"
bourse_wait_healthy "$port"

metric() { # metric NAME_REGEX: the value of the first matching line of /actuator/prometheus
  curl -s "http://localhost:$port/actuator/prometheus" | awk -v re="$1" '$0 ~ re {print $NF; exit}'
}
sample() {
  local start=$SECONDS
  echo "second published_total lag" >"$dir/events-samples.txt"
  while kill -0 "$BOURSE_SERVER_PID" 2>/dev/null; do
    echo "$((SECONDS - start)) $(metric '^bourse_events_published_total') $(metric '^bourse_events_lag\\{reader="rabbitmq.publisher"')" \
      >>"$dir/events-samples.txt"
    sleep 1
  done
}
sample &
sampler=$!

set +e
bourse_load_generator --url "http://localhost:$port" --admin-bootstrap-token-file "$(bourse_admin_token_file "$dir")" "$@"
BOURSE_STATUS=$?
set -e

drain_start=$SECONDS
until [ "$(metric '^bourse_events_lag\\{reader="rabbitmq.publisher"')" = "0.0" ] || [ $((SECONDS - drain_start)) -ge 120 ]; do
  sleep 0.5
done
echo "bench: publisher lag back to 0 $((SECONDS - drain_start)) s after the load ended"
kill "$sampler" 2>/dev/null || true
awk 'NR > 2 && $2 != "" {
       rate = $2 - prev; if (rate > 0) { n++; sum += rate; if (rate > max) max = rate }
       if ($3 > maxlag) maxlag = $3; lag[NR] = $3
     }
     NR > 1 { prev = $2 }
     END {
       half = int(NR / 2); for (i = 2; i <= NR; i++) { if (i <= half) { if (lag[i] > a) a = lag[i] } else if (lag[i] > b) b = lag[i] }
       printf "events published with confirms: %.0f /s on average over %d busy seconds, %d /s at most\n", (n ? sum / n : 0), n, max
       printf "publisher lag (journal sequences): max %d; max in the first half of the run %d, in the second half %d\n", maxlag, a, b
     }' "$dir/events-samples.txt"
echo "bench: per-second samples in $dir/events-samples.txt (kept with KEEP_DATA=1)"

bourse_stop_server
# amqp-client and what it needs, from the local Maven repository the build filled
rabbit_cp=$(ls "$HOME"/.m2/repository/com/rabbitmq/amqp-client/*/amqp-client-*.jar \
    "$HOME"/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar 2>/dev/null | grep -v sources | tr '\n' ':')
netty_version=$(ls "$HOME"/.m2/repository/io/netty/netty-transport/ 2>/dev/null | sort -V | tail -1)
rabbit_cp+=$(ls "$HOME"/.m2/repository/io/netty/*/"$netty_version"/*.jar 2>/dev/null | grep -v sources | tr '\n' ':')
"$JAVA_HOME/bin/java" -cp "$rabbit_cp" bench/lib/DeleteRabbitNames.java "$BOURSE_RABBITMQ_URL" \
    "$BOURSE_RABBITMQ_PREFIX" >/dev/null 2>&1 || echo "bench: could not delete the RabbitMQ names under $BOURSE_RABBITMQ_PREFIX"
exit "$BOURSE_STATUS"
