#!/usr/bin/env bash
# Copies the parts of @uswds/uswds that plantrack serves into public/vendor/uswds.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd end2end && npm ci --no-audit --no-fund)
D=end2end/node_modules/@uswds/uswds/dist
V=public/vendor/uswds
rm -rf "$V/css" "$V/js" "$V/fonts" "$V/img"
mkdir -p "$V/css"
cp "$D/css/uswds.min.css" "$V/css/"
cp "$D/../LICENSE.md" "$V/"
# Only the woff2 fonts and images the stylesheet refers to.
for p in $(grep -oE 'url\(\.\./(fonts|img)/[^)]*\)' "$D/css/uswds.min.css" | sort -u | sed 's/url(\.\.\///; s/)$//' | grep -v '\.woff$\|\.ttf$'); do
  mkdir -p "$V/$(dirname "$p")"
  cp "$D/$p" "$V/$p"
done
