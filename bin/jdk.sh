# Sourced by the bin/ scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the JDKs under /usr/lib/jvm (newest first).

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(java_major "$1")" -ge 21 ] 2>/dev/null
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then return 0; fi
  local candidate
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if jdk_ok "$candidate"; then JAVA_HOME=$candidate; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    if jdk_ok "$candidate"; then JAVA_HOME=$candidate; return 0; fi
  done
  cat >&2 <<'MSG'
flotilla: no JDK 21 or newer found (checked $JAVA_HOME, javac on PATH and /usr/lib/jvm).
Install one, for example on Debian/Ubuntu:  apt-get install openjdk-21-jdk-headless
or point JAVA_HOME at an existing JDK 21+ and run this again.
MSG
  return 1
}

find_jdk || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries (Guice) use sun.misc.Unsafe; JDK 24+ warns about it on every run. Quiet that noise only.
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
