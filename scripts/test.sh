#!/usr/bin/env bash
# Builds everything of one CMake preset and runs its test suite through CTest.
# Usage: scripts/test.sh [release|debug|asan-ubsan|tsan]   (default: release)
set -euo pipefail
preset="${1:-release}"
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-browser --with-simpy  # Chromium: the report's end-to-end test; SimPy: the SimPy agreement test
bash scripts/build.sh "$preset" all
ctest --preset "$preset"
