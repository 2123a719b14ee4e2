# Sourced by the bench/run-*.sh scripts (after scripts/jdk25.sh): builds the jars when needed, starts and
# stops a server on a free port and its own data directory, and optionally gives it a fresh PostgreSQL schema.

. scripts/aot-cache.sh

BOURSE_SERVER_JAR=server/target/bourse-server.jar
BOURSE_BENCH_JAR=bench/target/bourse-bench.jar
BOURSE_LOAD_ADMIN_EMAIL=load.admin@bourse.test
BOURSE_LOAD_ADMIN_PASSWORD=load-admin-password

# Packages the server and bench jars when one is missing or older than the main sources it is built from
# (a jar whose inputs did not change is not rewritten, so each is compared with its own inputs only).
bourse_build_if_needed() {
  if bourse_jar_stale "$BOURSE_SERVER_JAR" pom.xml engine/pom.xml engine/src/main server/pom.xml server/src/main \
      || bourse_jar_stale "$BOURSE_BENCH_JAR" pom.xml engine/pom.xml engine/src/main bench/pom.xml bench/src/main; then
    echo "bench: building the server and bench jars..."
    ./mvnw -B -q --no-transfer-progress -DskipTests -pl server,bench -am package
  fi
}

# bourse_jar_stale JAR SOURCE...: true when JAR is missing or a source file is newer.
bourse_jar_stale() {
  local jar=$1
  shift
  [ ! -f "$jar" ] || [ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

# A TCP port nothing listens on (another process could still take it before the server does).
bourse_free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "bench: found no free port" >&2
  return 1
}

# bourse_start_server PORT DATA_DIR: starts the server jar in the background (PID in BOURSE_SERVER_PID,
# output in DATA_DIR/server.log) with no demo bots, rate limits, per-user order limits and WebSocket budgets out
# of the way, and no scheduled audit (the generator's own request runs the audit after the load). The
# generator's admin becomes the server's first admin with DATA_DIR/data/admin-bootstrap-token (see
# bourse_admin_token_file). BOURSE_* variables already set (BOURSE_DB_URL, BOURSE_FSYNC, ...) are passed on;
# BOURSE_JAVA_OPTS are JVM options.
bourse_start_server() {
  local port=$1 dir=$2
  mkdir -p "$dir"
  bourse_launch_args "$BOURSE_SERVER_JAR"
  BOURSE_PORT="$port" BOURSE_DATA_DIR="$dir/data" BOURSE_DEMO=false \
  BOURSE_AUTH_RATE_LIMIT_CAPACITY="${BOURSE_AUTH_RATE_LIMIT_CAPACITY:-1000000000}" \
  BOURSE_AUTH_RATE_LIMIT_REFILL_PER_SECOND="${BOURSE_AUTH_RATE_LIMIT_REFILL_PER_SECOND:-1000000000}" \
  BOURSE_MAX_OPEN_ORDERS_PER_MARKET="${BOURSE_MAX_OPEN_ORDERS_PER_MARKET:-1000000000}" \
  BOURSE_MAX_OPEN_ORDERS="${BOURSE_MAX_OPEN_ORDERS:-1000000000}" \
  BOURSE_WS_SUBSCRIPTION_BURST="${BOURSE_WS_SUBSCRIPTION_BURST:-1000000}" \
  BOURSE_RATE_LIMIT_CAPACITY="${BOURSE_RATE_LIMIT_CAPACITY:-1000000000}" \
  BOURSE_RATE_LIMIT_REFILL_PER_SECOND="${BOURSE_RATE_LIMIT_REFILL_PER_SECOND:-1000000000}" \
  BOURSE_AUDIT_INITIAL_DELAY="${BOURSE_AUDIT_INITIAL_DELAY:-24h}" \
  BOURSE_AUDIT_INTERVAL="${BOURSE_AUDIT_INTERVAL:-24h}" \
    "$JAVA_HOME/bin/java" ${BOURSE_JAVA_OPTS:-} "${BOURSE_LAUNCH[@]}" >>"$dir/server.log" 2>&1 &
  BOURSE_SERVER_PID=$!
}

# bourse_admin_token_file DATA_DIR: where a server started by bourse_start_server keeps its one-time admin
# bootstrap token (the load generator's --admin-bootstrap-token-file).
bourse_admin_token_file() {
  echo "$1/data/admin-bootstrap-token"
}

# bourse_wait_healthy PORT [SECONDS]: waits until /actuator/health says UP; fails when the server dies or
# the time is up.
bourse_wait_healthy() {
  local port=$1 limit=${2:-180} start=$SECONDS
  until curl -sf "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$BOURSE_SERVER_PID" 2>/dev/null; then
      echo "bench: the server died while starting" >&2
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$limit" ]; then
      echo "bench: the server was not healthy within ${limit}s" >&2
      return 1
    fi
    sleep 0.05
  done
}

# Stops the server started by bourse_start_server as Ctrl-C would; SIGKILL if it has not stopped in 30 s.
bourse_stop_server() {
  local pid=${BOURSE_SERVER_PID:-}
  [ -n "$pid" ] || return 0
  BOURSE_SERVER_PID=""
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

# With LOAD_POSTGRES=1 and no BOURSE_DB_URL: creates schema load_<time> in the database `test` on
# localhost:5432 (user postgres) and points the server at it; bourse_drop_pg_schema removes it.
bourse_fresh_pg_schema() {
  [ "${LOAD_POSTGRES:-}" = 1 ] && [ -z "${BOURSE_DB_URL:-}" ] || return 0
  BOURSE_PG_SCHEMA="load_$(date +%s)_$RANDOM"
  psql -q -h localhost -U postgres -d test -c "CREATE SCHEMA $BOURSE_PG_SCHEMA" >/dev/null
  export BOURSE_DB_URL="jdbc:postgresql://localhost:5432/test?currentSchema=$BOURSE_PG_SCHEMA"
  export BOURSE_DB_USER=postgres
  echo "bench: read models in PostgreSQL, schema $BOURSE_PG_SCHEMA"
}

bourse_drop_pg_schema() {
  [ -n "${BOURSE_PG_SCHEMA:-}" ] || return 0
  psql -q -h localhost -U postgres -d test -c "DROP SCHEMA $BOURSE_PG_SCHEMA CASCADE" >/dev/null || true
  BOURSE_PG_SCHEMA=""
}

# bourse_run_dir NAME: a fresh directory BOURSE_RUN_DIR for the server's data and log, and an EXIT trap that
# stops the server, drops a PostgreSQL schema made for the run, and removes the directory unless the run
# failed (set BOURSE_STATUS=0 when it succeeded) or KEEP_DATA=1.
bourse_run_dir() {
  BOURSE_RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bourse-$1.XXXXXX")
  BOURSE_STATUS=1
  trap bourse_finish_run EXIT
}

bourse_finish_run() {
  bourse_stop_server
  bourse_drop_pg_schema
  if [ "${KEEP_DATA:-}" = 1 ] || [ "$BOURSE_STATUS" -ne 0 ]; then
    echo "bench: server data and log kept in $BOURSE_RUN_DIR"
  else
    rm -rf "$BOURSE_RUN_DIR"
  fi
}

# The load generator, on the same JDK; LOAD_JAVA_OPTS are its JVM options.
bourse_load_generator() {
  "$JAVA_HOME/bin/java" ${LOAD_JAVA_OPTS:-} -cp "$BOURSE_BENCH_JAR" org.bourse.bench.load.LoadGenerator "$@"
}

# The machine a figure was taken on, for BENCHMARKS.md.
bourse_print_machine() {
  echo "machine: $(nproc) processors, $(free -g | awk '/^Mem:/ {print $2}') GiB; $(lscpu | sed -n 's/^Model name: *//p'); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%M:%SZ); git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ -z "$(git status --porcelain 2>/dev/null)" ] || echo " with uncommitted changes")"
}
