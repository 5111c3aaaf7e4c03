#!/usr/bin/env bash
# clang-tidy with the repository's .clang-tidy over the server domains that
# change most (TIDY_DIRS), every warning of the kept checks an error.
# Usage: scripts/tidy.sh [build-dir]   (needs <build-dir>/compile_commands.json,
# written by the CMake configure step of `make server`). Runs two files at a
# time. Exits non-zero when any file has a warning.
set -euo pipefail

build=${1:-build}
dirs=${TIDY_DIRS:-"reporting activity auth campaign org http core export display awards notices dashboard messages"}
jobs=${TIDY_JOBS:-2}
root=$(cd "$(dirname "$0")/.." && pwd)

if [ ! -f "$build/compile_commands.json" ]; then
  echo "tidy: $build/compile_commands.json missing; run 'make server' first" >&2
  exit 2
fi
command -v clang-tidy >/dev/null || { echo "tidy: clang-tidy not found" >&2; exit 2; }

# The sources of the chosen domains that the build compiles (tests included),
# in a compile database of their own: GCC's precompiled header (.gch beside
# cmake_pch.hxx) is not clang's, so each command includes a copy of the
# header, which clang reads as text.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t files < <(python3 - "$build/compile_commands.json" "$root" "$tmp" $dirs <<'PY'
import json, os, re, shutil, sys
db, root, tmp, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
prefixes = tuple(f"{root}/server/src/{d}/" for d in dirs)
out, seen = [], set()
for entry in json.load(open(db)):
    f = entry["file"]
    if not f.startswith(prefixes) or f in seen:
        continue
    seen.add(f)
    def copy(m):
        header = m.group(1)
        target = os.path.join(tmp, str(abs(hash(header))) + "_" + os.path.basename(header))
        if not os.path.exists(target):
            shutil.copy(header, target)
        return "-include " + target
    cmd = entry["command"].replace("-Winvalid-pch", "")
    entry["command"] = re.sub(r"-include (\S*cmake_pch\.hxx)", copy, cmd)
    out.append(entry)
    print(f)
json.dump(out, open(os.path.join(tmp, "compile_commands.json"), "w"))
PY
)
if [ ${#files[@]} -eq 0 ]; then
  echo "tidy: no files of server/src/{${dirs// /,}} in $build/compile_commands.json" >&2
  exit 2
fi

echo "clang-tidy: ${#files[@]} files of server/src/{${dirs// /,}}, $jobs at a time"
start=$(date +%s)
# .clang-tidy makes every warning of its checks an error (WarningsAsErrors).
# GCC's precompiled header is not clang's: clang reads the header as text.
extra=-extra-arg=-Wno-unknown-warning-option
noise="warnings generated|Suppressed [0-9]+ warnings|Use -header-filter|Use -system-headers"
if command -v run-clang-tidy >/dev/null; then
  # Its file arguments are regular expressions: anchor each path.
  patterns=()
  for f in "${files[@]}"; do patterns+=("^${f//./\\.}\$"); done
  set +e
  run-clang-tidy -p "$tmp" -j "$jobs" -quiet "$extra" "${patterns[@]}" 2>&1 |
    grep --line-buffered -Ev "$noise|^clang-tidy(-[0-9]+)? .* -p="
  status=${PIPESTATUS[0]}
  set -e
else
  set +e
  printf '%s\n' "${files[@]}" |
    xargs -P "$jobs" -n 1 clang-tidy -p "$tmp" --quiet "$extra" 2>&1 |
    grep --line-buffered -Ev "$noise"
  status=${PIPESTATUS[1]}
  set -e
fi
echo "clang-tidy: $(($(date +%s) - start)) s"
if [ "$status" -ne 0 ]; then
  echo "clang-tidy: warnings above (fix them, or drop a noisy check in .clang-tidy)" >&2
  exit 1
fi
echo "clang-tidy: clean"
