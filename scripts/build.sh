#!/usr/bin/env bash
# Installs the dependencies (if missing), configures one CMake preset and builds TARGETs (default:
# the c2msim command line alone; `all` for everything, the tests and the benchmark too).
# Usage: scripts/build.sh [release|debug|asan-ubsan|tsan] [TARGET...]
#   (default: release c2msim)
set -euo pipefail
preset="${1:-release}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(c2msim); fi
cd "$(dirname "$0")/.."
extra=()
if [ "$preset" = asan-ubsan ]; then extra=(--with-fuzzer); fi  # clang and its sanitizer runtimes
bash scripts/install-deps.sh "${extra[@]}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target "${targets[@]}"
