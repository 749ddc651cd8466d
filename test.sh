#!/usr/bin/env bash
# Runs every test of the solution. Works on a fresh Debian machine that has only the .NET SDK, Node
# and apt: it installs what the tests need and the tests start their own servers.
#   - PostgreSQL server binaries (apt package `postgresql`) when missing: the EF Core tests start a
#     throw-away server themselves (initdb into a temp dir, free loopback port), or use the
#     connection string in INTEGRATIONS_TEST_POSTGRES when set.
#   - the npm packages of the oidc-provider peer (tests/oidc-provider): the interop tests start
#     a real OpenID Connect server on a free loopback port.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Tokens").
set -euo pipefail
cd "$(dirname "$0")"

have_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}

if [ -z "${INTEGRATIONS_TEST_POSTGRES:-}" ] && ! have_postgres; then
  echo "test.sh: installing PostgreSQL server binaries (apt package postgresql)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi

echo "test.sh: installing the oidc-provider peer's npm packages..."
(cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)

dotnet test Integrations.sln "$@"
