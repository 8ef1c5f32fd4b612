#!/usr/bin/env bash
# Runs every test of the solution. Storage tests start their own throwaway PostgreSQL server
# from the machine's postgresql-15 binaries; nothing else needs to be running.
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet test CustomerSuccess.sln --logger "trx" --logger "console;verbosity=normal" "$@"
