#!/usr/bin/env bash
# The long validation run: the cases of tests/validation/ with SCALE times the replications of
# the CI run (default 10, so intervals about 3 times tighter), then the table of
# docs/validation.md rewritten from what this run measured. The page's text above the marker
# line is kept as it is.
# Usage: scripts/validate-long.sh [SCALE]
set -euo pipefail
scale="${1:-10}"
source "$(dirname "$0")/whole-number.sh"
require_whole_number validate-long.sh SCALE "$scale"
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target c2msim-tests

page=docs/validation.md
marker='<!-- Everything below is written by scripts/validate-long.sh. -->'
grep -qxF "$marker" "$page" || { echo "validate-long.sh: $page has no marker line" >&2; exit 2; }
rows="$(mktemp)"
trap 'rm -f "$rows" "$rows.page"' EXIT

started=$(date +%s)
status=0
C2MSIM_VALIDATION_SCALE="$scale" C2MSIM_VALIDATION_TABLE="$rows" \
  build/bin/c2msim-tests "[validation]" || status=$?
seconds=$(($(date +%s) - started))

revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD -- sim tests 2>/dev/null; then revision="$revision (with local changes)"; fi
{
  sed "/^$(printf '%s' "$marker" | sed 's/[][\/.*^$]/\\&/g')\$/q" "$page"
  echo
  echo "Run of $(date -u +%Y-%m-%d): \`scripts/validate-long.sh $scale\` at revision $revision," \
       "${scale}x the CI replications, ${seconds} s on this machine; $(grep -c . "$rows") rows," \
       "$(awk -F'\t' '$10 == "NO"' "$rows" | wc -l) outside their tolerance."
  echo
  echo "| case | quantity | theory | simulated mean | 95% CI | relative error | tolerance (±) | replications | within |"
  echo "|---|---|---:|---:|---|---:|---:|---:|---|"
  awk -F'\t' '{
    ci = ($5 == "-") ? "-" : "[" $5 ", " $6 "]"
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, ci, $7, $8, $9, $10
  }' "$rows"
} >"$rows.page"
mv "$rows.page" "$page"
echo "validate-long.sh: wrote $page ($(grep -c . "$rows") rows, ${seconds} s)"
exit "$status"
