#!/usr/bin/env bash
# Installs what the CQL family needs at run time, idempotently and bounded:
#  - Apache Cassandra jars (.ci/setup-cassandra.sh, Maven, cached);
#  - the Python driver (cassandra-driver from PyPI, pinned, and 3.25.0 as a second version; pure-sasl for
#    its SaslAuthProvider) in private venvs for the cassandra-python adapter:
#    ~/.cache/secmatrix/venvs/cassandra-driver-<version> (harness/clients/adapter/registry.ts);
#  - the Node driver comes with `npm ci` (package.json pins cassandra-driver 4.x);
#  - gocql (Go module proxy, pinned in harness/clients/adapters/cassandra-go/go.mod), the cassandra-go
#    adapter built with `go build` into ~/.cache/secmatrix/adapters/cassandra-go-<version>.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/setup-cassandra.sh "${CASSANDRA_VERSION:-5.0.9}"
# Debian's python3 makes venvs only with python3-venv (ensurepip).
python3 -c 'import ensurepip' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }
# The pinned driver and the second version (Debian bookworm's python3-cassandra is 3.25), made by the
# same code `secmatrix run --client cassandra-python[@VERSION]` uses (a cached venv each).
timeout 900 node harness/cli/secmatrix.mjs adapter install cassandra-python
timeout 900 node harness/cli/secmatrix.mjs adapter install cassandra-python@3.25.0
timeout 900 node harness/cli/secmatrix.mjs adapter install cassandra-go
[ -d node_modules/cassandra-driver ] || { echo "setup-cql: node_modules/cassandra-driver missing: run npm ci" >&2; exit 1; }
echo "cassandra-driver (node) $(node -p "require('./node_modules/cassandra-driver/package.json').version")"
