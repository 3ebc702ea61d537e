# Sourced by the *-before-after.sh scripts: builds the benchmarks jar of a revision in a temporary worktree and of
# this tree. Call `build_before_and_after REV`; afterwards $work is a temporary folder (removed on exit, with the
# worktree), $before_jar the revision's jar and $after_jar this tree's.
build_before_and_after() {
  local rev=$1
  work=$(mktemp -d -t flotilla-before-after-XXXXXX)
  trap 'git worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  git worktree add -q --detach "$work/before" "$rev"
  echo "building the benchmarks of $rev (before) and of this tree (after)..." >&2
  # A jar left from an earlier build is shaded already and its stale classes would win (bin/bench-build says why).
  (cd "$work/before" && rm -f benchmarks/target/benchmarks.jar && ./mvnw -B -ntp -q -o -DskipTests package -pl benchmarks -am)
  bin/bench-build >/dev/null
  before_jar="$work/before/benchmarks/target/benchmarks.jar"
  after_jar=benchmarks/target/benchmarks.jar
}
