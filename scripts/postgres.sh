#!/usr/bin/env bash
# Makes sure the PostgreSQL server the tests use is up, starting a local Debian cluster
# when one is installed but stopped, and drops databases left by earlier test runs.
# Fails loudly (never skips) when no server can be reached.
set -euo pipefail
URL="${PLANTRACK_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
HOSTPORT="${URL#*@}"; HOST="${HOSTPORT%:*}"; PORT="${HOSTPORT##*:}"; PORT="${PORT%%/*}"
USER_PART="${URL#postgres://}"; PGUSER_NAME="${USER_PART%%@*}"

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if ! ready && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    echo "==> starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
      || pg_ctlcluster "$version" main start || true
  done
  for _ in $(seq 1 20); do ready && break; sleep 0.5; done
fi
if ! ready; then
  cat >&2 <<MSG
!! No PostgreSQL server answers at $HOST:$PORT, and the tests run on PostgreSQL too.
!! Install and start one (Debian: apt-get install postgresql), allow user
!! "$PGUSER_NAME" to connect over TCP (see README.md, "PostgreSQL"), or point
!! PLANTRACK_TEST_POSTGRES at a server: postgres://user:password@host:port
MSG
  exit 1
fi
# Databases from earlier runs (each test makes its own plantrack_test_* database).
psql "$URL/postgres" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'plantrack\_test\_%'" 2>/dev/null \
  | while read -r db; do psql "$URL/postgres" -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true; done
