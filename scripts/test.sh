#!/usr/bin/env bash
# Builds everything of one CMake preset and runs its test suite through CTest.
# Usage: scripts/test.sh [release|debug|asan-ubsan|tsan]   (default: release)
set -euo pipefail
preset="${1:-release}"
cd "$(dirname "$0")/.."
# Chromium: the report's end-to-end test; SimPy: the SimPy agreement test.
bash scripts/install-deps.sh --with-browser --with-simpy
# The release build compiles everything (the benchmark too, warnings as errors); a sanitizer build
# only what its tests run (the suite and the command line it calls).
targets=(all)
if [ "$preset" = asan-ubsan ] || [ "$preset" = tsan ]; then targets=(c2msim-tests); fi
bash scripts/build.sh "$preset" "${targets[@]}"
ctest --preset "$preset"
