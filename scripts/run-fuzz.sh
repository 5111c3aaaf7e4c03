#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS over its committed seeds.
#
#   scripts/run-fuzz.sh BUILD_DIR SECONDS TARGET...
#
# New inputs go to BUILD_DIR/corpus/<target>/ (the committed seeds in
# server/fuzz/corpus/<target>/ are only read), crashes to
# BUILD_DIR/crashes/. Prints each target's executions per second and
# coverage; exits non-zero when a target crashes (its input is kept: make it
# a regression test in the normal test binary, fix, and commit it as a seed).
set -euo pipefail

build=$1 seconds=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
failed=()
for target in "$@"; do
  bin="$build/${target}_fuzz"
  corpus="$build/corpus/$target"
  mkdir -p "$corpus" "$build/crashes"
  args=(-max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=20
        -max_len=262144 -artifact_prefix="$build/crashes/$target-")
  [ -f "$root/server/fuzz/$target.dict" ] && args+=(-dict="$root/server/fuzz/$target.dict")
  log="$build/$target.log"
  echo "== fuzz $target: ${seconds}s =="
  if "$bin" "${args[@]}" "$corpus" "$root/server/fuzz/corpus/$target" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
    echo "$target: $execs runs, $speed/s, $cov, corpus $(ls "$corpus" | wc -l) inputs"
  else
    echo "$target: FAILED (log: $log)"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*check failed|artifact_prefix|Test unit written)' "$log" | head -20 || true
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets failed: ${failed[*]}" >&2
  exit 1
fi
