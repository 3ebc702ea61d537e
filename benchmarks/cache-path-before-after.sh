#!/usr/bin/env bash
# The cache path of BEFORE_REV and of this tree side by side in one JVM (CachePathBeforeAfter): builds the benchmarks
# jar of BEFORE_REV in a temporary worktree and of this tree, then alternates their batches on one thread.
# Prints one line; nothing is written to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/jdk.sh
before_rev=${BEFORE_REV:?set BEFORE_REV to the revision to compare with}
rounds=${ROUNDS:-30}
work=$(mktemp -d -t flotilla-cache-before-after-XXXXXX)
cleanup() {
  git worktree remove --force "$work/before" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
git worktree add -q --detach "$work/before" "$before_rev"
echo "building the benchmarks of $before_rev (before) and of this tree (after)..." >&2
(cd "$work/before" && rm -f benchmarks/target/benchmarks.jar && ./mvnw -B -ntp -q -o -DskipTests package -pl benchmarks -am)
bin/bench-build >/dev/null
java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.CachePathBeforeAfter \
  "$work/before/benchmarks/target/benchmarks.jar" benchmarks/target/benchmarks.jar "$rounds" 2>/dev/null
