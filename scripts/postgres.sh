#!/usr/bin/env bash
# The PostgreSQL server the integration tests run on.
#
#   scripts/postgres.sh start   prints the server's URL (postgres://user@host:port) on
#                               standard output; everything else goes to standard error
#   scripts/postgres.sh stop    stops a throwaway cluster that `start` made (if any)
#
# Which server, in this order:
#   1. PLANTRACK_TEST_POSTGRES, when set: used as it is (it must answer).
#   2. A server answering on 127.0.0.1:5432 (user postgres, trust or a password in
#      ~/.pgpass): used as it is.
#   3. Otherwise a throwaway cluster under target/postgres: Debian's `postgresql` package
#      is installed if missing (with sudo when not root), `initdb` with trust
#      authentication, a free port on 127.0.0.1, its socket inside the cluster folder.
#      `stop` (which scripts/test.sh runs on exit, also after a failure or Ctrl-C) stops it.
# Databases left by earlier test runs (plantrack_test_*) are dropped either way.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_DIR="$PWD/target/postgres"
say() { printf '==> %s\n' "$*" >&2; }
fail() { printf '!! %s\n' "$*" >&2; exit 1; }

# Runs a command as the cluster's owner: the postgres system user when we are root
# (PostgreSQL refuses to run as root), else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The newest installed PostgreSQL's bin folder (Debian keeps initdb and pg_ctl there).
pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

answers() { # URL
  local hostport="${1#*@}"
  hostport="${hostport%%/*}"
  pg_isready -q -h "${hostport%:*}" -p "${hostport##*:}" 2>/dev/null
}

signs_in() { # URL
  psql "$1/postgres" -Atc 'SELECT 1' >/dev/null 2>&1 </dev/null
}

drop_old_test_databases() { # URL
  psql "$1/postgres" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'plantrack\_test\_%'" 2>/dev/null |
    while read -r db; do
      psql "$1/postgres" -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
    done
}

install_postgresql() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing Debian's postgresql package (no server answers on 127.0.0.1:5432)"
  command -v apt-get >/dev/null || fail "PostgreSQL is needed for the tests: install it, or set PLANTRACK_TEST_POSTGRES (see README.md, PostgreSQL)"
  $sudo apt-get update -qq >&2
  # Debian's package creates and starts a cluster of its own where it can; ours is separate.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

free_port() {
  local port
  for port in $(seq 55432 55632); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free port between 55432 and 55632 for a test PostgreSQL"
}

start_throwaway() {
  [ -n "$(pg_bin)" ] || install_postgresql
  local bin
  bin="$(pg_bin)"
  [ -x "$bin/initdb" ] || fail "initdb not found under /usr/lib/postgresql after installing postgresql"
  stop_throwaway
  rm -rf "$CLUSTER_DIR"
  mkdir -p "$CLUSTER_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$CLUSTER_DIR"
    as_owner test -w "$CLUSTER_DIR" ||
      fail "the postgres user cannot write $CLUSTER_DIR (a parent folder is closed to it); set PLANTRACK_TEST_POSTGRES instead"
  fi
  local port
  port="$(free_port)"
  say "starting a throwaway PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port in target/postgres"
  as_owner "$bin/initdb" -D "$CLUSTER_DIR/data" -U postgres --auth=trust --no-sync -E UTF8 >"$CLUSTER_DIR/initdb.log" 2>&1 ||
    { cat "$CLUSTER_DIR/initdb.log" >&2; fail "initdb failed"; }
  # fsync off: the cluster is thrown away after the run, so durability buys nothing.
  as_owner "$bin/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $CLUSTER_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null ||
    { tail -n 20 "$CLUSTER_DIR/server.log" >&2; fail "the throwaway PostgreSQL did not start"; }
  echo "postgres://postgres@127.0.0.1:$port" >"$CLUSTER_DIR/url"
}

stop_throwaway() {
  local bin
  bin="$(pg_bin)"
  if [ -n "$bin" ] && [ -f "$CLUSTER_DIR/data/postmaster.pid" ]; then
    say "stopping the throwaway PostgreSQL"
    as_owner "$bin/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-start}" in
  start)
    if [ -n "${PLANTRACK_TEST_POSTGRES:-}" ]; then
      url="${PLANTRACK_TEST_POSTGRES%/}"
      signs_in "$url" || fail "PLANTRACK_TEST_POSTGRES is set but $url does not answer or let us in"
      say "PostgreSQL for the tests: $url (PLANTRACK_TEST_POSTGRES)"
    elif answers "postgres://postgres@127.0.0.1:5432" && signs_in "postgres://postgres@127.0.0.1:5432"; then
      url="postgres://postgres@127.0.0.1:5432"
      say "PostgreSQL for the tests: the server on 127.0.0.1:5432"
    else
      answers "postgres://postgres@127.0.0.1:5432" &&
        say "the server on 127.0.0.1:5432 does not let user postgres in without a password (set PLANTRACK_TEST_POSTGRES to use it)"
      start_throwaway
      url="$(cat "$CLUSTER_DIR/url")"
    fi
    drop_old_test_databases "$url"
    echo "$url"
    ;;
  stop)
    stop_throwaway
    ;;
  *)
    fail "usage: scripts/postgres.sh [start|stop]"
    ;;
esac
