#!/usr/bin/env bash
# Node throughput before and after issue 12's conditional commit, side by side in one run: the benchmarks jar of
# the last commit with issue 4's MULTI/EXEC commit (BEFORE_REV, default b749878) and of this tree, alternating
# (before, after, before, after) on the same machine, 16 shards, compression none, cache on and off.
# Prints both runs' tables; nothing is written to BENCHMARKS.md (the tables go to a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/jdk.sh
before_rev=${BEFORE_REV:-b749878}
seconds=${SECONDS_PER_MODE:-10}
source benchmarks/before-after-jars.sh
build_before_and_after "$before_rev"
for pass in 1 2; do
  for side in before after; do
    jar=$after_jar
    [ "$side" = before ] && jar=$before_jar
    printf '## %s, pass %s\n\n<!-- node-throughput:start -->\n<!-- node-throughput:end -->\n' "$side" "$pass" > "$work/$side-$pass.md"
    echo "running $side, pass $pass..." >&2
    java -cp "$jar" io.flotilla.bench.NodeThroughput --shards 16 --seconds "$seconds" --warmup 5 \
      --compression none --cache on,off --file "$work/$side-$pass.md" >/dev/null
  done
done
for pass in 1 2; do
  for side in before after; do
    grep -E '^\| none' "$work/$side-$pass.md" | sed "s/^/| $side $pass /"
  done
done
