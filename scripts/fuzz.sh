#!/usr/bin/env bash
# Builds the fuzz target in the asan-ubsan tree (clang, libFuzzer, ASan + UBSan + integer checks;
# the test suite's objects are reused) and fuzzes the scenario
# loader and the what-if argument parsers for SECONDS (default 60), one process. Seeds: the
# shipped scenarios, the test fixtures, tests/fuzz/regressions/ and each tests/fuzz/seeds/*.args
# after the minimal fixture. New inputs accumulate in build-asan-ubsan/fuzz/corpus; an input that
# crashes, hangs (over 10 s), needs over 2 GiB or leaks is written to build-asan-ubsan/fuzz/artifacts/
# and the script fails. Add it to tests/fuzz/regressions/ once it is fixed (tests/fuzz/README.md).
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
seconds="${1:-60}"
source "$(dirname "$0")/whole-number.sh"
require_whole_number fuzz.sh SECONDS "$seconds"
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-fuzzer
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan --target c2msim-fuzz-scenario

seeds=build-asan-ubsan/fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds" build-asan-ubsan/fuzz/corpus build-asan-ubsan/fuzz/artifacts
cp scenarios/*.yaml tests/validation/scenarios/*.yaml tests/scenario/fixtures/*.yaml "$seeds"/
find tests/fuzz/regressions -type f ! -name README.md -exec cp {} "$seeds"/ \;
for args in tests/fuzz/seeds/*.args; do
  { cat tests/scenario/fixtures/minimal.yaml; echo '#%args'; cat "$args"; } \
    >"$seeds/$(basename "$args" .args).yaml"
done

# Leaks count as failures; -error_exitcode makes every finding a non-zero exit.
ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
  build-asan-ubsan/bin/c2msim-fuzz-scenario -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -detect_leaks=1 -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
  -dict=tests/fuzz/scenario.dict -artifact_prefix=build-asan-ubsan/fuzz/artifacts/ \
  build-asan-ubsan/fuzz/corpus "$seeds"
