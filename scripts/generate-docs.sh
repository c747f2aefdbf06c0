#!/usr/bin/env bash
# Regenerates scenarios/schema.json and the key tables of scenarios/README.md from the key
# catalogue (sim/scenario/key_catalogue.cpp), with the c2msim already built (C2MSIM overrides
# build/bin/c2msim). The scenario tests fail while the checked-in files differ from this output.
set -euo pipefail
cd "$(dirname "$0")/.."
c2msim="${C2MSIM:-build/bin/c2msim}"
if [[ ! -x "$c2msim" ]]; then
  echo "generate-docs.sh: $c2msim is not an executable; build c2msim first (scripts/build.sh)" >&2
  exit 1
fi
# Each file is written beside itself and moved over it, so a failure leaves the old one whole.
trap 'rm -f scenarios/schema.json.new scenarios/README.md.new' EXIT
"$c2msim" schema >scenarios/schema.json.new
mv scenarios/schema.json.new scenarios/schema.json
"$c2msim" schema --readme scenarios/README.md >scenarios/README.md.new
mv scenarios/README.md.new scenarios/README.md
