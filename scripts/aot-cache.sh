# Sourced by ./run and bench/lib/server.sh (after scripts/jdk25.sh): how to launch the server jar fast.
#
# JDK 25's ahead-of-time cache (JEP 483/514/515) holds the classes a start loads and links, and their
# method profiles; a start with it skips most class loading, which is most of Spring's start-up, and so
# also most of the recovery time after a crash. The JVM caches only classes that come from the class path,
# not those Spring Boot's launcher reads out of the jars nested in the executable jar, so the jar is first
# unpacked next to itself (Spring Boot's `jarmode=tools extract`: the application jar and a lib/ folder
# it names in its manifest) and started from there. On a 2-core machine, restarting after a crash with
# 1 M journaled commands: 9.8 s to a healthy server from the executable jar (whose cache could hold the
# JDK's classes only), 7.0 s unpacked with the whole cache (medians of 3 pairs; BENCHMARKS.md).
#
# The layout and the cache belong to one build of the jar and one JVM; they are made once per build, the
# cache by a training start that stops as soon as the context is refreshed (no engine, no port), on a
# throwaway data directory. BOURSE_AOT=false starts the executable jar as it is. A cache the JVM finds
# unusable is ignored by the JVM itself (it says so and starts normally).

# bourse_launch_args JAR: sets the array BOURSE_LAUNCH to the JVM arguments that start JAR:
# (-XX:AOTCache=... -jar <unpacked jar>) when the unpacked layout and its cache exist or can be made
# (making them first when missing or older than JAR), otherwise (-jar JAR). Call it directly, not in $(...).
bourse_launch_args() {
  local jar=$1 dir name scratch
  if [ "${BOURSE_AOT:-true}" = "false" ]; then
    BOURSE_LAUNCH=(-jar "$jar")
    return 0
  fi
  name=$(basename "$jar")
  # absolute, since the cache records the class path it was trained with
  dir="$(cd "$(dirname "$jar")" && pwd)/${name%.jar}-launch"
  if [ ! -f "$dir/app.aot" ] || [ "$jar" -nt "$dir/app.aot" ]; then
    echo "bourse: preparing the start-up cache for this build (once, about 30 s)..." >&2
    scratch=$(mktemp -d)
    rm -rf "$dir"
    # the cache records the class path, so it is trained where the unpacked jar will stay
    if "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$scratch/extract.log" 2>&1 \
        && env -u BOURSE_DB_URL -u BOURSE_REDIS_URL -u BOURSE_RABBITMQ_URL \
          BOURSE_DATA_DIR="$scratch/data" BOURSE_DEMO=false \
          "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$dir/app.aot.tmp" -Dspring.context.exit=onRefresh \
          -jar "$dir/$name" >"$scratch/training.log" 2>&1 \
        && [ -f "$dir/app.aot.tmp" ]; then
      mv "$dir/app.aot.tmp" "$dir/app.aot"
    else
      echo "bourse: could not make the start-up cache (see $scratch); starting the jar without it" >&2
      rm -rf "$dir"
      BOURSE_LAUNCH=(-jar "$jar")
      return 0
    fi
    rm -rf "$scratch"
  fi
  BOURSE_LAUNCH=("-XX:AOTCache=$dir/app.aot" -jar "$dir/$name")
}
