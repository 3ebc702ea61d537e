#!/usr/bin/env bash
# Issue 16's speed-ups, side by side in one run: IngestVersusJda from the benchmarks jar of BEFORE_REV (default
# b409594, the first commit that has the driver, before any speed-up) and of this tree, alternating (before, after,
# before, after), the node only (cache off and on), compression none unless COMPRESSION says otherwise.
# Prints each run's lines; nothing is written to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/jdk.sh
before_rev=${BEFORE_REV:-b409594}
seconds=${SECONDS_PER_MODE:-10}
warmup=${WARMUP:-5}
compression=${COMPRESSION:-none}
source benchmarks/before-after-jars.sh
build_before_and_after "$before_rev"
for pass in 1 2; do
  for side in before after; do
    jar=$after_jar
    [ "$side" = before ] && jar=$before_jar
    java -cp "$jar" io.flotilla.bench.IngestVersusJda --seconds "$seconds" --warmup "$warmup" \
      --compression "$compression" --contenders node-off,node-on 2>/dev/null | grep -E '^node' | sed "s/^/$side $pass: /"
  done
done
