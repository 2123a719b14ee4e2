# Sourced by ./run and bench/lib/server.sh (after scripts/jdk25.sh): JDK 25's ahead-of-time cache of the
# server's loaded and linked classes (JEP 483/514). A start with it skips most class loading, which is
# most of Spring's start-up: on the reference machine 10.7 s -> 7.2 s from launch to a refreshed context,
# and so also the recovery time after a crash. The cache belongs to one jar and one JVM; it is made once
# per build, by a training start that stops as soon as the context is refreshed (no engine, no port), on
# a throwaway data directory. BOURSE_AOT=false starts without it. A cache the JVM finds unusable is
# ignored by the JVM itself (it says so and starts normally).

# bourse_aot_options JAR: prints the JVM option that uses JAR's cache, making the cache first when it is
# missing or older than JAR; prints nothing when the cache is off or cannot be made.
bourse_aot_options() {
  local jar=$1 cache="${1%.jar}.aot" scratch
  [ "${BOURSE_AOT:-true}" = "false" ] && return 0
  if [ ! -f "$cache" ] || [ "$jar" -nt "$cache" ]; then
    echo "bourse: preparing the start-up cache for this build (once, about 20 s)..." >&2
    scratch=$(mktemp -d)
    if env -u BOURSE_DB_URL -u BOURSE_REDIS_URL -u BOURSE_RABBITMQ_URL \
        BOURSE_DATA_DIR="$scratch/data" BOURSE_DEMO=false \
        "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$cache.tmp" -Dspring.context.exit=onRefresh -jar "$jar" \
        >"$scratch/training.log" 2>&1 && [ -f "$cache.tmp" ]; then
      mv "$cache.tmp" "$cache"
    else
      echo "bourse: could not make the start-up cache (see $scratch/training.log); starting without it" >&2
      rm -f "$cache.tmp"
      return 0
    fi
    rm -rf "$scratch"
  fi
  echo "-XX:AOTCache=$cache"
}
