#!/usr/bin/env bash
# Runs every test: parser and unit tests, server integration tests, Playwright in Chromium
# with JavaScript on and off (with axe-core). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
# The tests' site (debug wasm) goes to a folder of its own: a `make run` server left
# running beside them keeps serving the release site in target/site, whose wasm matches it.
export LEPTOS_SITE_ROOT=target/test-site
echo "==> building (cargo leptos build, into $LEPTOS_SITE_ROOT)"
cargo leptos build
# The flag and the variable cargo-leptos sets for debug builds: with them the test builds
# reuse its dependencies, and the `plantrack` binary they relink stays the one that
# serves the right wasm file name (leptos reads LEPTOS_OUTPUT_NAME at compile time).
export LEPTOS_OUTPUT_NAME=plantrack
echo "==> unit tests (app)"
RUSTFLAGS="--cfg erase_components" cargo test -p app --features ssr
# The PostgreSQL server for the second pass (and the outage test), up before anything
# needs it: PLANTRACK_TEST_POSTGRES, the server on 127.0.0.1:5432, or a throwaway cluster
# under target/postgres that is stopped when this script ends, however it ends.
trap 'scripts/postgres.sh stop' EXIT
trap 'exit 130' INT TERM
POSTGRES_URL="$(scripts/postgres.sh start)"
echo "==> server integration tests, on SQLite"
# Four tests at a time (each with its own server and database; docs/testing.md says why
# this once hung and what keeps it from hanging). The outage test cuts a PostgreSQL
# connection, so it runs in the PostgreSQL pass only.
env -u PLANTRACK_TEST_POSTGRES RUSTFLAGS="--cfg erase_components" \
  cargo test -p server -- --test-threads=4 --skip outage::
# The second pass also runs at another date (a leap day in FY2028 Q2) than the first
# (2026-11-15, FY2027 Q1): no test may depend on the date it runs at.
echo "==> server integration tests again, on PostgreSQL ($POSTGRES_URL), on 29 February 2028"
PLANTRACK_TEST_POSTGRES="$POSTGRES_URL" PLANTRACK_TEST_NOW=2028-02-29 \
  RUSTFLAGS="--cfg erase_components" cargo test -p server --test it -- --test-threads=4
# A third pass, on SQLite, at a date of its own: derived from the commit (any day of four
# fiscal years from 1 October 2026), so every date gets its turn over the commits and a
# failure is reproduced with the date printed here (PLANTRACK_EXTRA_TEST_NOW sets it).
commit_day=$(( 0x$(git rev-parse --short=8 HEAD 2>/dev/null || echo 0) % 1461 ))
extra_now="${PLANTRACK_EXTRA_TEST_NOW:-$(date -u -d "2026-10-01 + $commit_day days" +%F)}"
echo "==> server integration tests again, on SQLite, on $extra_now (from the commit; reproduce with PLANTRACK_TEST_NOW=$extra_now)"
env -u PLANTRACK_TEST_POSTGRES PLANTRACK_TEST_NOW="$extra_now" \
  RUSTFLAGS="--cfg erase_components" cargo test -p server --test it -- --test-threads=4
echo "==> browser tests (Playwright, Chromium, JavaScript on and off)"
(cd end2end && npx playwright test)
# The benchmark in its smoke mode (small sample, seconds of load, debug build): it is not
# a measurement, it keeps scripts/bench.sh from rotting.
echo "==> benchmark smoke run (scripts/bench.sh --smoke)"
scripts/bench.sh --smoke
