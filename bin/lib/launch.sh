# Sourced by the bin/ scripts: finds a module's self-contained jar, (re)builds it when it is missing or older than
# any source or POM of the checkout, and runs it. TANDEM_JAVA_OPTS adds JVM options (e.g. -Xmx1g).

tandem_launch() {
  local module="$1" artifact="$2"; shift 2
  local root jar
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  jar="$(ls "$root/$module/target/$artifact"-*-all.jar 2>/dev/null | head -n 1 || true)"
  if [ -z "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune -o -path '*/.git' -prune -o \
        \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]; then
    command -v mvn >/dev/null || { echo "$artifact: Maven is needed to build it: see README.md, Prerequisites" >&2; exit 1; }
    echo "$artifact: building $module..." >&2
    (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl "$module" -am install) >&2
    jar="$(ls "$root/$module/target/$artifact"-*-all.jar | head -n 1)"
  fi
  # exec: signals (Ctrl-C, SIGTERM) reach the JVM, whose shutdown hooks stop what it started
  # shellcheck disable=SC2086
  exec java ${TANDEM_JAVA_OPTS:-} -jar "$jar" "$@"
}
