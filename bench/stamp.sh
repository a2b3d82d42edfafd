# Sourced by the bench scripts: builds the service and bench jars (unless SKIP_BUILD=1) and sets
# ${stamp}, the line that says which code a result file's numbers are of.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q install -DskipTests
  ./mvnw -q -f bench/pom.xml package
fi
mkdir -p bench/results
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain -- src pom.xml bench/src bench/pom.xml 2>/dev/null)" ]]; then
  commit="${commit} with uncommitted changes"
fi
if [[ "${SKIP_BUILD:-0}" == "1" ]]; then
  commit="${commit} (SKIP_BUILD: jars as last built, maybe older)"
fi
stamp="code: ${commit}; $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores"
