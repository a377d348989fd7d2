#!/usr/bin/env bash
# Runs the Playwright suite with its spec files in a shuffled order, proving that no spec
# needs what another left behind (Playwright itself always runs files in name order).
#   scripts/e2e-shuffled.sh [SEED] [playwright args, e.g. --workers=2]
# The same seed gives the same order; the order used is printed first. Needs the test
# site built as for `make test` (LEPTOS_SITE_ROOT=target/test-site cargo leptos build).
set -euo pipefail
cd "$(dirname "$0")/../end2end"
seed="${1:-$RANDOM}"
[ $# -gt 0 ] && shift
rm -rf shuffled && mkdir shuffled
# Helpers as they are; each spec under a number that sets its place.
find tests -maxdepth 1 -name '*.ts' ! -name '*.spec.ts' -exec cp {} shuffled/ \;
n=0
for spec in $(ls tests/*.spec.ts | shuf --random-source=<(yes "$seed")); do
  n=$((n + 1))
  cp "$spec" "shuffled/$(printf '%02d' "$n")-$(basename "$spec")"
done
echo "seed $seed: $(ls shuffled/*.spec.ts | xargs -n1 basename | tr '\n' ' ')"
PATH="$PWD/node_modules/.bin:$PATH" PLANTRACK_E2E_DIR=./shuffled npx playwright test "$@"
