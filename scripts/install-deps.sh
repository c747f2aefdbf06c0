#!/usr/bin/env bash
# Installs every build and test dependency of c2msim from Debian's packages.
# Idempotent: when everything is already installed it returns at once without touching apt.
# Usage: scripts/install-deps.sh [--with-browser] [--with-fuzzer] [--with-simpy]
#   --with-browser adds headless Chromium, which only the report's end-to-end test needs;
#   --with-fuzzer adds clang and its sanitizer and libFuzzer runtimes, which only the clang presets
#   (asan-ubsan, which fuzz.sh also builds in) need;
#   --with-simpy adds SimPy 3 (Debian's python3-simpy3, for /usr/bin/python3), which only the
#   SimPy comparison (c2msim-bench --suite simpy and its agreement test) needs.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  libboost-graph-dev libboost-math-dev libboost-random-dev
  libtbb-dev libyaml-cpp-dev catch2 librandom123-dev libcli11-dev
  nlohmann-json3-dev libfmt-dev libssl-dev
  python3 python3-pandas python3-matplotlib graphviz
)
for option in "$@"; do
  case "$option" in
    --with-browser) packages+=(chromium) ;;
    --with-fuzzer) packages+=(clang libclang-rt-14-dev) ;;
    --with-simpy) packages+=(python3-simpy3) ;;
    *)
      echo "install-deps: unknown option $option (expected --with-browser, --with-fuzzer or --with-simpy)" >&2
      exit 2
      ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
