#!/usr/bin/env bash
# Builds plantrack (release) and serves it on http://127.0.0.1:3000 (or LEPTOS_SITE_ADDR).
# On an empty database (default ./data/plantrack.db) it imports the bundled DRO plan.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# binaryen's wasm-opt from npm: Debian's older one breaks hydration.
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
exec cargo leptos serve --release "$@"
