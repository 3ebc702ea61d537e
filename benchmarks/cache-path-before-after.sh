#!/usr/bin/env bash
# The cache path of BEFORE_REV and of this tree side by side in one JVM (CachePathBeforeAfter): builds the benchmarks
# jar of BEFORE_REV in a temporary worktree and of this tree, then alternates their batches on one thread.
# Prints one line; nothing is written to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/jdk.sh
before_rev=${BEFORE_REV:?set BEFORE_REV to the revision to compare with}
rounds=${ROUNDS:-30}
source benchmarks/before-after-jars.sh
build_before_and_after "$before_rev"
java -cp "$after_jar" io.flotilla.bench.CachePathBeforeAfter "$before_jar" "$after_jar" "$rounds" 2>/dev/null
