#!/usr/bin/env bash
# The crash test (issue #18): the packaged service, killed with SIGKILL and restarted several times
# while it screens a paced stream; an independent read_committed reader counts lost and doubled
# decisions and overdrawn licences (bench/README.md). About 2 minutes after the build.
#
#   bench/crash.sh                                   # 60,000 orders at 1,000/s; 6 kills, each 0-4 s after the service decides again
#   bench/crash.sh --orders 40000 --kills 9
#   SKIP_BUILD=1 bench/crash.sh                      # reuse the built service and bench jars
set -euo pipefail
# shellcheck source=bench/stamp.sh
source "$(dirname "${BASH_SOURCE[0]}")/stamp.sh"
rm -f bench/results/crash-service.log
{ echo "${stamp}"
  java -cp bench/target/benchmarks.jar io.dualuse.screening.bench.CrashBench "$@"; } \
  | tee "${BENCH_OUT:-bench/results/crash-run.txt}"
