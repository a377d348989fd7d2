#!/usr/bin/env bash
# Benchmarks plantrack on the sample plan with a real load generator (wrk): each page a
# person opens often at 64 and 200 connections beside the same bytes served as a static
# file, and again while a writer saves a status every 100 ms; 20 concurrent status writers
# through the form; status updates and actuals through the JSON API (wrk + Lua); on
# PostgreSQL, a second instance reading what the first writes; SQL statements per page,
# page and wasm sizes, the binary, cold start, memory per phase, and a scaling table.
# Prints Markdown; the results and targets live in docs/benchmarks.md.
#   scripts/bench.sh                  # release build, 5,000 strategies, 10 years, SQLite
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/plantrack_bench scripts/bench.sh
#   scripts/bench.sh --smoke          # small sample, seconds of load (run by make test)
set -eu
cd "$(dirname "$0")/.."
SMOKE=""; [ "${1:-}" = "--smoke" ] && SMOKE=1
if [ -n "$SMOKE" ]; then
  STRATEGIES=${STRATEGIES:-100} YEARS=${YEARS:-2} SECONDS_EACH=2 CONNECTIONS=8 API_SECONDS=2
  WRITERS=4 WRITER_SECONDS=3 SCALING="100:1"
  BIN=target/release/plantrack; [ -x "$BIN" ] || BIN=target/debug/plantrack
else
  STRATEGIES=${STRATEGIES:-5000} YEARS=${YEARS:-10} SECONDS_EACH=${SECONDS_EACH:-10}
  CONNECTIONS=${CONNECTIONS:-64,200} WRITERS=20 WRITER_SECONDS=30 API_SECONDS=10
  SCALING=${SCALING:-"100:1 100:5 100:10 1000:1 1000:5 1000:10 5000:1 5000:5 5000:10"}
  BIN=target/release/plantrack
fi
[ -x "$BIN" ] || { echo "build first: cargo leptos build --release"; exit 1; }
command -v wrk >/dev/null || {
  echo "==> installing wrk (Debian package)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }
}
PORT=${BENCH_PORT:-3200}
DIR=target/bench
rm -rf "$DIR" && mkdir -p "$DIR"
# The release site (cargo leptos build --release), or the tests' own when make test runs
# the smoke mode (scripts/test.sh sets LEPTOS_SITE_ROOT).
SITE=${LEPTOS_SITE_ROOT:-target/site}
export LEPTOS_SITE_ROOT=$SITE LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=plantrack
URL="http://127.0.0.1:$PORT"
PASSWORD=bench-tide-river-lantern
PID=""
# The JSON API's per-token limit would refuse a load generator.
export PLANTRACK_API_PER_MINUTE=100000000
MEMORY=()
memory() { MEMORY+=("| $1 | $(( $(ps -o rss= -p "$PID") / 1024 )) MB |"); }
OTHER_PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  [ -n "$OTHER_PID" ] && kill "$OTHER_PID" 2>/dev/null
  rm -f "$SITE"/pkg/bench-*.html; true
}
trap cleanup EXIT

fresh_database() { # $1: name
  if [[ ${BENCH_DATABASE_URL:-} == postgres* ]]; then
    local server=${BENCH_DATABASE_URL%/*}
    psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $1" -qc "CREATE DATABASE $1" >/dev/null
    echo "$server/$1"
  else
    rm -f "$DIR/$1.db" "$DIR/$1.db-wal" "$DIR/$1.db-shm"
    echo "sqlite://$DIR/$1.db"
  fi
}

# Starts the server on $DATABASE_URL; STARTUP_MS: from process start to first 200.
start_server() {
  local started; started=$(date +%s%N)
  RUST_LOG=${SERVER_LOG:-warn} "$BIN" --addr "127.0.0.1:$PORT" >"$DIR/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1000); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.01; done
  STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}
stop_server() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
sign_in() { # $1: user, $2: cookie jar
  local action
  action=$(curl -s -c "$2" "$URL/login" | grep -o 'action="/api/login[^"]*"' | head -1 | cut -d'"' -f2)
  curl -s -b "$2" -c "$2" -o /dev/null -H "Referer: $URL/login" -H "Origin: $URL" \
    --data-urlencode "username=$1" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "next=/" "$URL$action"
}
seconds_of() { curl -s -b "$JAR" -o /dev/null -w "%{time_total}" "$URL$1"; }
bytes_of() { curl -s -b "$JAR" "$URL$1" | wc -c; }
demo() { # $1 strategies, $2 years
  /usr/bin/time -f "    generated in %e s wall, %M KB peak memory" \
    "$BIN" demo --strategies "$1" --years "$2" 2>&1 | sed 's/^ */    /'
  echo "$PASSWORD" | "$BIN" user add reader --role working_group --password-stdin >/dev/null
  echo "$PASSWORD" | "$BIN" user add writer --role working_group --password-stdin >/dev/null
}

echo "# plantrack benchmark: $STRATEGIES strategies, $YEARS years (${SMOKE:+smoke, }$(basename "$(dirname "$(dirname "$BIN")")")/$(basename "$(dirname "$BIN")") build)"
echo
echo "$(date -u +%F), $(nproc) cores, $(uname -m), database ${BENCH_DATABASE_URL:-SQLite}"
echo
echo "## Cold start (process start to first 200, migrations included)"
export DATABASE_URL; DATABASE_URL=$(fresh_database bench_empty)
start_server
echo "- empty database (migrations, bundled plan imported): $STARTUP_MS ms"
stop_server

DATABASE_URL=$(fresh_database bench)
echo
echo "## Sample data"
demo "$STRATEGIES" "$YEARS"
[[ $DATABASE_URL == sqlite* ]] && echo "    database file: $(du -h "$DIR/bench.db" | cut -f1)"
start_server
echo "- sample database, already migrated: $STARTUP_MS ms to first 200"
JAR="$DIR/reader.jar"; sign_in reader "$JAR"
WJAR="$DIR/writer.jar"; sign_in writer "$WJAR"
STRATEGY=$(curl -s -b "$JAR" "$URL/quarters?goal=1" | grep -o 'href="/strategies/[0-9.]*"' | head -1 | cut -d/ -f3 | tr -d '"')
OBJECTIVE=${STRATEGY%.*}
PAGES=("/" "/goals/1" "/objectives/$OBJECTIVE" "/strategies/$STRATEGY" "/quarters" "/heatmap?goal=1"
  "/app" "/ip" "/my" "/inbox" "/reports" "/business-plan")
[ -n "$SMOKE" ] && PAGES=("/" "/strategies/$STRATEGY")
# BENCH_PAGES="/ /quarters" measures only those (a shorter run, e.g. on PostgreSQL).
[ -n "${BENCH_PAGES:-}" ] && read -ra PAGES <<<"${BENCH_PAGES//STRATEGY/$STRATEGY}"
memory "sample database, signed in, nothing read"

echo
echo "## Single requests (seconds)"
echo "- dashboard, first view (computed and drawn): $(seconds_of /)"
echo "- dashboard, unchanged plan (kept): $(seconds_of /)"
python3 scripts/bench_load.py "$URL" writer "$PASSWORD" writers --writers 1 --seconds 1 >/dev/null
echo "- dashboard, first view after one status update: $(seconds_of /)"
echo "- chart download, PNG: $(seconds_of /charts/status-by-goal.png)"
echo "- heat map, goal 1, 40 quarters: $(seconds_of '/heatmap?goal=1&quarters=40')"
echo "- quarter page: $(seconds_of /quarters)"
echo "- APP page: $(seconds_of /app)"

echo
echo "## Sizes"
for p in "${PAGES[@]}"; do echo "- \`$p\`: $(bytes_of "$p") bytes of HTML"; done
WASM=$(ls "$SITE"/pkg/*.wasm 2>/dev/null | head -1 || true)
if [ -n "$WASM" ]; then
  echo "- wasm: $(wc -c <"$WASM") bytes raw, $(gzip -9c "$WASM" | wc -c) gzip ($(basename "$WASM"))"
else
  echo "- wasm: not built ($SITE/pkg has none)"
fi

BINARY_BYTES=$(stat -c %s "$BIN")
SYMBOLS="symbols kept"
{ nm "$BIN" 2>&1 || true; } | head -1 | grep -q "no symbols" && SYMBOLS="stripped"
echo "- server binary: $BINARY_BYTES bytes ($SYMBOLS)"
memory "after the single requests"

echo
echo "## Pages under load (wrk, ${SECONDS_EACH} s each, signed in as a working-group member)"
echo
echo "Each page's own HTML is first saved as \`/pkg/bench-N.html\` and served by the same server"
echo "as a static file (the same bytes, through the same session and security layers): the"
echo "static columns. \"With writer\": another session saves a status every 100 ms meanwhile."
echo "The page column says how the page was answered just before (\`kept\`, \`rendered\`)."
echo
mkdir -p "$SITE/pkg"
python3 scripts/bench_load.py "$URL" reader "$PASSWORD" --server-pid "$PID" pages --connections "$CONNECTIONS" \
  --seconds "$SECONDS_EACH" --static-dir "$SITE/pkg" "${PAGES[@]}"
python3 scripts/bench_load.py "$URL" reader "$PASSWORD" --server-pid "$PID" pages --connections "$CONNECTIONS" \
  --seconds "$SECONDS_EACH" --static-dir "$SITE/pkg" /charts/status-by-goal.png | tail -n +3
memory "after the pages"
echo
echo "## Concurrent status writers, ${WRITER_SECONDS} s each"
echo
python3 scripts/bench_load.py "$URL" writer "$PASSWORD" --server-pid "$PID" writers --writers "$WRITERS" --seconds "$WRITER_SECONDS"
python3 scripts/bench_load.py "$URL" writer "$PASSWORD" --server-pid "$PID" writers --writers "$WRITERS" --seconds "$WRITER_SECONDS" --save-only | tail -1
memory "after the form writers"
echo
echo "## Writes through the JSON API (wrk + scripts/bench_write.lua, ${API_SECONDS} s each)"
echo
echo "Each request records the next version of the next strategy's status (or measure's"
echo "actual) in the reporting quarter; audit rows counted in the database afterwards."
echo
echo "| what | connections | seconds | requests | writes/s | p50 ms | p99 ms | errors | audit rows |"
echo "|---|---|---|---|---|---|---|---|---|"
# 32 connections for actuals: the sample has 480 measures, and with more requests in
# flight one can reach a measure whose previous version has not committed yet (a 409).
for kind_connections in status:64 actual:32; do
  python3 scripts/bench_load.py "$URL" writer "$PASSWORD" --server-pid "$PID" api-writes \
    --kind "${kind_connections%:*}" --connections "${kind_connections#*:}" --seconds "$API_SECONDS" \
    --work-dir "$DIR" --database "$DATABASE_URL"
done
memory "after the API writes"
echo
echo "- \"database is locked\" in the server log: $(grep -c 'database is locked' "$DIR/server.log" || true)"
if [[ $DATABASE_URL == postgres* ]]; then
  echo
  echo "## Two instances on one database (${SECONDS_EACH} s)"
  echo
  echo "The first instance takes a status save every 100 ms through the form; wrk reads the"
  echo "strategy page from the second at 64 connections, and a reader polls it for each save."
  echo
  OTHER="http://127.0.0.1:$((PORT + 1))"
  RUST_LOG=warn "$BIN" --addr "127.0.0.1:$((PORT + 1))" >"$DIR/other.log" 2>&1 &
  OTHER_PID=$!
  for _ in $(seq 1 1000); do curl -sf "$OTHER/healthz" >/dev/null && break; sleep 0.01; done
  python3 scripts/bench_load.py "$URL" reader "$PASSWORD" propagation --other "$OTHER" --seconds "$SECONDS_EACH"
  kill "$OTHER_PID" 2>/dev/null; wait "$OTHER_PID" 2>/dev/null || true; OTHER_PID=""
fi
memory "at the end of the load"
echo
echo "## Memory (resident, per phase)"
echo
echo "| phase | resident |"
echo "|---|---|"
printf '%s\n' "${MEMORY[@]}"
stop_server

echo
echo "## SQL statements per page view (sqlx statement log)"
SERVER_LOG=warn,sqlx::query=debug start_server
sign_in reader "$JAR"
statements() { # $1 path: statements while serving it
  local before; before=$(grep -c 'sqlx::query' "$DIR/server.log" || true)
  curl -s -b "$JAR" -o /dev/null "$URL$1"; sleep 0.2
  echo $(( $(grep -c 'sqlx::query' "$DIR/server.log" || true) - before ))
}
for p in "${PAGES[@]}"; do
  first=$(statements "$p"); again=$(statements "$p")
  echo "- \`$p\`: $first, then $again on an unchanged plan"
done
stop_server

echo
echo "## Scaling (seconds: dashboard first view, dashboard after one update, quarter page)"
echo
echo "| strategies | years | dashboard | after an update | quarter page |"
echo "|---|---|---|---|---|"
for size in $SCALING; do
  DATABASE_URL=$(fresh_database "bench_scale")
  demo "${size%:*}" "${size#*:}" >/dev/null
  start_server
  sign_in reader "$JAR"
  first=$(seconds_of /)
  python3 scripts/bench_load.py "$URL" writer "$PASSWORD" writers --writers 1 --seconds 1 >/dev/null
  echo "| ${size%:*} | ${size#*:} | $first | $(seconds_of /) | $(seconds_of /quarters) |"
  stop_server
done
