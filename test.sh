#!/usr/bin/env bash
# Runs every test of the solution. Storage tests start their own throwaway PostgreSQL servers
# (temporary data directory, free port, stopped afterwards) from the machine's PostgreSQL server
# programs (Debian's postgresql-15); if they are missing and we may install, they are installed.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${CS_POSTGRES_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing postgresql-15 (server programs for the storage tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    echo "PostgreSQL server programs not found: install Debian's postgresql-15 or set CS_POSTGRES_BIN." >&2
  fi
fi

exec dotnet test CustomerSuccess.sln --logger "trx" --logger "console;verbosity=normal" "$@"
