#!/usr/bin/env bash
# Benchmarks the sample plan (default 5,000 strategies, 10 years) on the release build:
# generation time, dashboard and chart response times (cold and warm), the database
# size and the server's memory. Writes the numbers to stdout; docs/benchmarks.md keeps them.
#   scripts/bench.sh                 # SQLite
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/plantrack_bench scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STRATEGIES=${STRATEGIES:-5000}
YEARS=${YEARS:-10}
PORT=${BENCH_PORT:-3200}
BIN=target/release/plantrack
[ -x "$BIN" ] || { echo "build first: cargo leptos build --release"; exit 1; }
DIR=target/bench
rm -rf "$DIR" && mkdir -p "$DIR"
export DATABASE_URL=${BENCH_DATABASE_URL:-sqlite://$DIR/bench.db}
if [[ $DATABASE_URL == postgres* ]]; then
  psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS ${DATABASE_URL##*/}" -qc "CREATE DATABASE ${DATABASE_URL##*/}"
fi
echo "==> plantrack demo --strategies $STRATEGIES --years $YEARS ($DATABASE_URL)"
/usr/bin/time -f "demo: %e s wall, %M KB peak memory" "$BIN" demo --strategies "$STRATEGIES" --years "$YEARS"
PASSWORD=bench-tide-river-lantern
echo "$PASSWORD" | "$BIN" user add reader --role viewer --password-stdin >/dev/null
LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=plantrack RUST_LOG=warn \
  "$BIN" --addr "127.0.0.1:$PORT" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.2; done
JAR="$DIR/cookies"
ACTION=$(curl -s -c "$JAR" "$URL/login" | grep -o 'action="/api/login[0-9]*"' | head -1 | cut -d'"' -f2)
curl -s -b "$JAR" -c "$JAR" -o /dev/null -H "Referer: $URL/login" -H "Origin: $URL" \
  --data-urlencode "username=reader" --data-urlencode "password=$PASSWORD" --data-urlencode "next=/" "$URL$ACTION"
time_of() { curl -s -b "$JAR" -o /dev/null -w "%{time_total}" "$URL$1"; }
echo "==> response times (seconds)"
echo "dashboard, first view (charts drawn): $(time_of /)"
WARM=""
for _ in $(seq 1 10); do WARM="$WARM $(time_of /)"; done
echo "dashboard, 10 warm views (charts cached):$WARM"
echo "dashboard chart as PNG: $(time_of /charts/status-by-goal.png)"
echo "percent trend as SVG (40 quarters): $(time_of /charts/percent-trend.svg)"
echo "heat map, goal 1, 40 quarters: $(time_of '/heatmap?goal=1&quarters=40')"
echo "APP page: $(time_of /app)"
echo "quarter page: $(time_of /quarters)"
echo "==> sizes"
echo "dashboard HTML: $(curl -s -b "$JAR" "$URL/" | wc -c) bytes"
echo "server memory after: $(ps -o rss= -p $PID) KB resident"
if [[ $DATABASE_URL == sqlite* ]]; then echo "database: $(du -h "$DIR/bench.db" | cut -f1)"; fi
