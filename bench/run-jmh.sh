#!/usr/bin/env bash
# Builds and runs the JMH benchmarks of the screening core and the Avro serdes (see bench/README.md).
#
#   bench/run-jmh.sh                        # install the service jar, package, run everything (~4 min on 2 cores)
#   bench/run-jmh.sh ScreeningBenchmark -prof gc   # extra arguments go to JMH (benchmark regex, -p, -prof ...)
#   SKIP_INSTALL=1 bench/run-jmh.sh         # reuse the service jar already in ~/.m2
#
# Results: bench/results/jmh-run.txt (console) and bench/results/jmh-result.json (JMH JSON).
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${bench_dir}/.." && pwd)"
cd "${root}"

if [[ "${SKIP_INSTALL:-0}" != "1" ]]; then
  echo ">> installing io.dualuse:export-screening (tests skipped)"
  ./mvnw -q install -DskipTests
fi

echo ">> packaging bench/target/benchmarks.jar"
./mvnw -q -f bench/pom.xml package


mkdir -p bench/results
echo ">> running JMH: -f 1 -wi 5 -w 2s -i 5 -r 2s $*"
java -jar bench/target/benchmarks.jar \
  -f 1 -wi 5 -w 2s -i 5 -r 2s \
  -rf json -rff bench/results/jmh-result.json \
  "$@" | tee bench/results/jmh-run.txt
