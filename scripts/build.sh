#!/usr/bin/env bash
# Installs the dependencies (if missing), configures and builds one CMake preset.
# Usage: scripts/build.sh [release|debug|asan-ubsan|tsan]   (default: release)
set -euo pipefail
preset="${1:-release}"
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
