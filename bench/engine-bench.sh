#!/usr/bin/env bash
# The engine benchmarks, one command each (figures go to BENCHMARKS.md):
#   bench/engine-bench.sh replay  [commands] [runs] [pacedRate]   engine alone, single thread
#   bench/engine-bench.sh journal [commands] [runs] [pacedRate]   engine behind its journal, fsync per batch
#   bench/engine-bench.sh jmh     [jmh options]                   steady-state operations (JMH)
# Builds the benchmark jar when needed. BOURSE_BENCH_JAVA_OPTS adds JVM options (default -Xmx8g).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh

jar=bench/target/bourse-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find engine/src bench/src -newer "$jar" -name '*.java' -print -quit)" ]; then
  echo "bourse: building the benchmarks..."
  ./mvnw -B -q --no-transfer-progress -DskipTests -pl engine,bench -am package
fi
opts=${BOURSE_BENCH_JAVA_OPTS:--Xmx8g}
what=${1:-replay}
shift || true
case "$what" in
  replay)  exec "$JAVA_HOME/bin/java" $opts -cp "$jar" org.bourse.bench.engine.ReplayBenchmark "$@" ;;
  journal) mkdir -p bench/target/journal-bench
           exec "$JAVA_HOME/bin/java" $opts -cp "$jar" org.bourse.bench.engine.JournaledReplayBenchmark \
             "${1:-2000000}" "${2:-5}" "${3:-100000}" bench/target/journal-bench ;;
  jmh)     exec "$JAVA_HOME/bin/java" -jar "$jar" EngineBenchmark "$@" ;;
  *) echo "usage: bench/engine-bench.sh replay|journal|jmh [options]" >&2; exit 2 ;;
esac
