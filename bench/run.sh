#!/usr/bin/env bash
# The pipeline benchmark: starts a real broker (embedded in the load generator's JVM, or the one
# given with --bootstrap), runs the raw passthrough baseline and the service back to back, and
# prints one table (bench/README.md). About 5 minutes on 2 cores after the build: 4.5-5.3 in the
# full runs so far (over the 5 the issue asks for when this machine is slow).
#
#   bench/run.sh                           # defaults: 100,000 orders, 5,000 orders/s for 5 s unrecorded then 12 s, 35 s warm-up per subject (+20 s for the first), REST 1,000 req/s for 10 s
#   bench/run.sh --orders 50000 --rate 2000
#   SKIP_BUILD=1 bench/run.sh              # reuse the built service and bench jars
set -euo pipefail
# shellcheck source=bench/stamp.sh
source "$(dirname "${BASH_SOURCE[0]}")/stamp.sh"
{ echo "${stamp}"
  started=${SECONDS}
  java ${BENCH_JAVA_OPTS:-} -cp bench/target/benchmarks.jar io.dualuse.screening.bench.PipelineBench "$@"
  echo "benchmark: $((SECONDS - started)) s; with the build: ${SECONDS} s"; } \
  | tee "${BENCH_OUT:-bench/results/pipeline-run.txt}"
