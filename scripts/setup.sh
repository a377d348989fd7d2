#!/usr/bin/env bash
# Installs what building and testing plantrack needs, skipping what is already there.
# Usage: scripts/setup.sh [--browser]   (--browser also installs Debian's Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)

say() { printf '==> %s\n' "$*"; }

command -v cargo >/dev/null || { echo "Rust is needed first: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are needed first (apt-get install nodejs npm)" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (a few minutes, once)"
  # --debug builds the tool much faster and it runs just as well; no_downloads keeps it
  # from fetching wasm-bindgen/wasm-opt/sass itself at build time.
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --debug
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing npm packages (Playwright, axe-core, binaryen's wasm-opt)"
  (cd end2end && npm ci --no-audit --no-fund)
fi

# A PyPI package the tests run, at an exact version, in a virtualenv of its own:
# pypi_tool PACKAGE VERSION FOLDER WHAT
pypi_tool() {
  if ! "$3/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$1') != '$2')" 2>/dev/null; then
    say "installing $1 $2 into $3 ($4)"
    command -v python3 >/dev/null || { echo "Python 3 is needed for $4 (apt-get install python3 python3-venv)" >&2; exit 1; }
    python3 -m venv "$3"
    "$3/bin/pip" install --quiet --disable-pip-version-check "$1==$2"
  fi
}
pypi_tool aiosmtpd 1.4.6 target/smtp "the mail tests' SMTP server"
pypi_tool openapi-spec-validator 0.9.0 target/openapi "the API tests' OpenAPI validator"

# The StratML tests validate every export against docs/stratml/plantrack-stratml.xsd with
# xmllint --schema (Debian's libxml2-utils).
if ! command -v xmllint >/dev/null; then
  say "installing Debian's libxml2-utils (xmllint, for the StratML tests)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libxml2-utils >/dev/null
fi

# The packet tests read the PDF with a real reader: poppler's pdfinfo and pdftotext.
if [ "${1:-}" = "--browser" ] && ! command -v pdftotext >/dev/null; then
  say "installing Debian's poppler-utils (pdftotext, for the briefing-packet tests)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's Chromium"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
