#!/usr/bin/env bash
# Mutation testing: plants one-line mistakes (tests/mutants.txt) one at a time in a scratch copy of
# the repository, runs the test suite on each and reports which mistakes the suite catches.
#
#   bash scripts/mutate.sh [--list FILE] [--json FILE] [--timeout SECONDS] [--only NAME]...
#                          [--tests SPEC] [--with-golden] [--keep]
#
# The working tree it is started from is only read: its files (tracked, and untracked ones git does
# not ignore) are copied to a folder made by mktemp -d, which is built once (with ccache when it is
# installed) and removed at the end unless --keep. For each mutant the script replaces the exact
# text given (which must occur exactly once in the file, or the script stops before building),
# rebuilds what changed, runs the suite with Catch2's --abort under a time limit, and restores the
# file. A mutant is killed when the suite fails (or runs out of time), survives when it passes,
# and does not count when it does not build. Score = killed / (killed + survived).
#
# The suite runs in two stages, so that a mutant is usually killed within seconds: the part tests
# ([model], [stats], [output], [montecarlo]), then everything else but the golden test, whose pins
# of the shipped scenarios' results catch any change of behaviour and so say nothing about whether
# the tests of the part would catch it (--with-golden adds it; --tests SPEC runs SPEC alone). Cases tagged [!mayfail] (known bugs, fixed elsewhere) never run: the score must not
# depend on whether a known bug is fixed yet.
#
# tests/mutants.txt: one mutant a line, fields separated by " :: ":
#   NAME :: FILE :: TEXT TO FIND :: REPLACEMENT
# FILE is relative to the repository; REPLACEMENT "(nothing)" deletes the text. Lines starting with
# # are comments.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
list="$root/tests/mutants.txt"
json=""
timeout_seconds=600
tests_spec=""
with_golden=0
keep=0
only=()
jobs="${C2MSIM_MUTATE_JOBS:-2}"

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --list) list="$(realpath "$2")"; shift 2 ;;
    --json) json="$(realpath -m "$2")"; shift 2 ;;
    --timeout) timeout_seconds="$2"; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    --tests) tests_spec="$2"; shift 2 ;;
    --with-golden) with_golden=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "mutate.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$list" ]] || { echo "mutate.sh: no mutant list at $list" >&2; exit 2; }
[[ "$timeout_seconds" =~ ^[0-9]+$ && "$timeout_seconds" -gt 0 ]] ||
  { echo "mutate.sh: --timeout expects a whole number of seconds, got $timeout_seconds" >&2; exit 2; }

scratch="$(mktemp -d)"
cleanup() { if [[ $keep == 1 ]]; then echo "mutate.sh: scratch copy kept in $scratch"; else rm -rf "$scratch"; fi; }
trap cleanup EXIT

# ---- the mutant list, checked against the copy before anything is built ----------------------
# mutants.py parses the list and applies or checks one mutant; it is kept beside the copy, not in
# the repository, so that a mutant can never touch it.
helper="$scratch/.mutate/mutants.py"
mkdir -p "$scratch/.mutate/original" "$scratch/.mutate/logs"
cat >"$helper" <<'PY'
import json, sys

SEPARATOR = " :: "

def parse(path):
    mutants = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [x.strip() for x in line.split(SEPARATOR)]
            if len(fields) != 4 or not all(fields[:3]):
                sys.exit(f"{path}:{number}: expected NAME :: FILE :: FIND :: REPLACEMENT, got {line!r}")
            name, file, find, replace = fields
            mutants.append({"line": number, "name": name, "file": file, "find": find,
                            "replace": "" if replace == "(nothing)" else replace})
    names = [m["name"] for m in mutants]
    for n in names:
        if names.count(n) > 1:
            sys.exit(f"{path}: the mutant name {n!r} is used twice")
    return mutants

def check(path, root, mutant):
    try:
        text = open(f"{root}/{mutant['file']}", encoding="utf-8").read()
    except OSError as e:
        sys.exit(f"{path}:{mutant['line']}: {mutant['name']}: cannot read {mutant['file']}: {e.strerror}")
    count = text.count(mutant["find"])
    if count != 1:
        sys.exit(f"{path}:{mutant['line']}: {mutant['name']}: {mutant['find']!r} occurs {count} "
                 f"times in {mutant['file']}, not exactly once")
    if mutant["find"] == mutant["replace"]:
        sys.exit(f"{path}:{mutant['line']}: {mutant['name']}: the replacement is the text itself")
    return text

command, path, root = sys.argv[1:4]
mutants = parse(path)
if command == "names":          # every mutant, checked: name TAB file
    for m in mutants:
        check(path, root, m)
        print(f"{m['name']}\t{m['file']}")
elif command == "apply":        # plant the named mutant
    m = next(m for m in mutants if m["name"] == sys.argv[4])
    text = check(path, root, m)
    with open(f"{root}/{m['file']}", "w", encoding="utf-8") as f:
        f.write(text.replace(m["find"], m["replace"], 1))
elif command == "json":         # the summary, from the results file (name TAB status TAB seconds TAB by)
    results = []
    for line in open(sys.argv[4], encoding="utf-8"):
        name, status, seconds, by = line.rstrip("\n").split("\t")
        m = next(m for m in mutants if m["name"] == name)
        results.append({"name": name, "file": m["file"], "find": m["find"], "replace": m["replace"],
                        "status": status, "seconds": float(seconds), "killed_by": by or None})
    killed = sum(r["status"] in ("killed", "timed out") for r in results)
    survived = sum(r["status"] == "survived" for r in results)
    summary = {"killed": killed, "survived": survived,
               "did_not_build": sum(r["status"] == "did not build" for r in results),
               "score": killed / (killed + survived) if killed + survived else None,
               "survivors": [r["name"] for r in results if r["status"] == "survived"],
               "mutants": results}
    json.dump(summary, open(sys.argv[5], "w", encoding="utf-8"), indent=2)
    open(sys.argv[5], "a", encoding="utf-8").write("\n")
PY

echo "mutate.sh: copying $root to $scratch"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done |
  tar --null -T - -cf -) | tar -xf - -C "$scratch"
cp "$list" "$scratch/.mutate/mutants.txt"
list="$scratch/.mutate/mutants.txt"

python3 "$helper" names "$list" "$scratch" >"$scratch/.mutate/names.tsv" ||
  { echo "mutate.sh: fix the mutant list first" >&2; exit 2; }
mapfile -t entries <"$scratch/.mutate/names.tsv"
if [[ ${#only[@]} -gt 0 ]]; then
  selected=()
  for e in "${entries[@]}"; do
    for o in "${only[@]}"; do [[ "${e%%$'\t'*}" == "$o" ]] && selected+=("$e"); done
  done
  [[ ${#selected[@]} -gt 0 ]] || { echo "mutate.sh: no mutant named ${only[*]}" >&2; exit 2; }
  entries=("${selected[@]}")
fi
echo "mutate.sh: ${#entries[@]} mutants from ${list#$scratch/}"

# ---- build once ---------------------------------------------------------------------------------
# The test files use a precompiled header, which ccache caches only with these sloppinesses; a
# restored file is then a cache hit however recently it was written.
if command -v ccache >/dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR="$scratch"
  export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
fi
build() { cmake --build "$scratch/build" -j"$jobs" --target c2msim c2msim-tests; }
(cd "$scratch" && cmake --preset release >"$scratch/.mutate/logs/configure.log" 2>&1) ||
  { cat "$scratch/.mutate/logs/configure.log" >&2; echo "mutate.sh: cmake failed" >&2; exit 1; }
echo "mutate.sh: building the copy"
build >"$scratch/.mutate/logs/build.log" 2>&1 ||
  { tail -30 "$scratch/.mutate/logs/build.log" >&2; echo "mutate.sh: the unmutated copy does not build" >&2; exit 1; }

stages=()
if [[ -n "$tests_spec" ]]; then
  stages=("$tests_spec")
else
  parts=(model stats output montecarlo)
  part="" rest="~[!mayfail]"
  for p in "${parts[@]}"; do
    part="${part:+$part,}[$p]~[!mayfail]"
    rest="$rest~[$p]"
  done
  [[ $with_golden == 1 ]] || rest="$rest~[golden]"
  stages=("$part" "$rest")
fi

# Runs the stages with --abort; prints the first failing test case's name, if any. Status: 0 all
# passed, 1 a test failed, 124 out of time.
run_suite() {
  local log="$1" deadline=$((SECONDS + timeout_seconds)) left status
  : >"$log"
  for spec in "${stages[@]}"; do
    left=$((deadline - SECONDS))
    [[ $left -gt 0 ]] || return 124
    status=0
    (cd "$scratch" && timeout --kill-after=10 "$left" build/bin/c2msim-tests "$spec" --abort) \
      >>"$log" 2>&1 || status=$?
    if [[ $status == 124 || $status == 137 ]]; then return 124; fi
    if [[ $status != 0 ]]; then
      # Catch2's console report: a failing case's name follows a line of dashes.
      awk '/^----------------------------------------/ { getline; print; exit }' "$log"
      return 1
    fi
  done
  return 0
}

echo "mutate.sh: running the suite on the unmutated copy"
if ! run_suite "$scratch/.mutate/logs/baseline.log" >/dev/null; then
  tail -30 "$scratch/.mutate/logs/baseline.log" >&2
  echo "mutate.sh: the suite fails without any mutant; fix that first" >&2
  exit 1
fi

# ---- one mutant at a time -----------------------------------------------------------------------
results="$scratch/.mutate/results.tsv"
: >"$results"
killed=0 survived=0 unbuilt=0
for entry in "${entries[@]}"; do
  name="${entry%%$'\t'*}"
  file="${entry#*$'\t'}"
  started=$SECONDS
  cp "$scratch/$file" "$scratch/.mutate/original/file"
  python3 "$helper" apply "$list" "$scratch" "$name"
  by=""
  if ! build >"$scratch/.mutate/logs/$name.build.log" 2>&1; then
    status="did not build"
    unbuilt=$((unbuilt + 1))
  else
    code=0
    by="$(run_suite "$scratch/.mutate/logs/$name.log")" || code=$?
    case $code in
      0) status="survived"; survived=$((survived + 1)) ;;
      124) status="timed out"; killed=$((killed + 1)); by="(time limit of ${timeout_seconds} s)" ;;
      *) status="killed"; killed=$((killed + 1)) ;;
    esac
  fi
  # A plain copy gives the file a new time stamp, so the next build recompiles it (a ccache hit).
  cp "$scratch/.mutate/original/file" "$scratch/$file"
  seconds=$((SECONDS - started))
  printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$seconds" "$by" >>"$results"
  printf '%-14s %-34s %-38s %4ss  %s\n' "$status" "$name" "$file" "$seconds" "$by"
done

total=$((killed + survived))
if [[ $total -gt 0 ]]; then
  score="$(awk -v k=$killed -v t=$total 'BEGIN { printf "%.1f%%", 100 * k / t }')"
else
  score="n/a"
fi
echo "mutate.sh: killed $killed, survived $survived, did not build $unbuilt; score $score"
if [[ -n "$json" ]]; then
  python3 "$helper" json "$list" "$scratch" "$results" "$json"
  echo "mutate.sh: summary written to $json"
fi
