# Sourced by ./run, ./test and the benchmark scripts: selects a JDK 25 and exports JAVA_HOME.
# Order: an existing JAVA_HOME that is 25+, then /usr/lib/jvm/*25*, then `java` on the PATH.

bourse_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

bourse_select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(bourse_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(bourse_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  echo "bourse: no JDK 25 found (looked at JAVA_HOME, /usr/lib/jvm and java on the PATH); install Temurin 25 or set JAVA_HOME to it." >&2
  return 1
}

bourse_select_jdk || exit 1
