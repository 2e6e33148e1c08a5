#!/usr/bin/env bash
# Installs what the CQL family needs at run time, idempotently and bounded:
#  - Apache Cassandra jars (.ci/setup-cassandra.sh, Maven, cached);
#  - the Python driver (cassandra-driver from PyPI, pinned; pure-sasl for its SaslAuthProvider) in a private venv for the
#    cassandra-python adapter: ~/.cache/secmatrix/venvs/cassandra-driver-<version>;
#  - the Node driver comes with `npm ci` (package.json pins cassandra-driver 4.x).
set -euo pipefail
cd "$(dirname "$0")/.."
py_version="${CASSANDRA_PY_DRIVER_VERSION:-3.30.1}"
cache="${SECMATRIX_CACHE:-$HOME/.cache/secmatrix}"
.ci/setup-cassandra.sh "${CASSANDRA_VERSION:-5.0.9}"
venv="$cache/venvs/cassandra-driver-$py_version"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import cassandra,puresasl,sys; sys.exit(cassandra.__version__ != '$py_version')" 2>/dev/null; then
  echo "cassandra-driver $py_version: already in $venv"
else
  # Debian's python3 makes venvs only with python3-venv (ensurepip).
  python3 -c 'import ensurepip' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }
  rm -rf "$venv"
  python3 -m venv "$venv"
  # No Cython build (minutes on 2 cores); the pure-Python driver is what the adapter needs.
  CASS_DRIVER_NO_CYTHON=1 timeout 600 "$venv/bin/pip" install -q --disable-pip-version-check "cassandra-driver==$py_version" "pure-sasl==0.6.2"
  echo "cassandra-driver $py_version: installed in $venv"
fi
[ -d node_modules/cassandra-driver ] || { echo "setup-cql: node_modules/cassandra-driver missing: run npm ci" >&2; exit 1; }
echo "cassandra-driver (node) $(node -p "require('./node_modules/cassandra-driver/package.json').version")"
