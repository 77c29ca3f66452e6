# Sourced by ./parley, scripts/test and .ci/run: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then the `java` on PATH.

parley_java_version() {
  # Prints the feature version (e.g. 25) of the java binary "$1", or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

parley_find_java() {
  local candidate version best="" best_version=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    version=$(parley_java_version "$JAVA_HOME/bin/java")
    if [ "${version:-0}" -ge 21 ]; then
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/ "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")/"; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    version=$(parley_java_version "$candidate/bin/java")
    if [ "${version:-0}" -gt "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  if [ "$best_version" -ge 21 ]; then
    export JAVA_HOME=$best
    return 0
  fi
  echo "Parley needs a JDK 21 or newer (found none in JAVA_HOME, /usr/lib/jvm or on PATH)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME." >&2
  return 1
}

parley_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
