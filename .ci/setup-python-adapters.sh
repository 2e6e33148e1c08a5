#!/usr/bin/env bash
# The Python client adapter's pieces (idempotent, bounded): Debian's venv + pip and the Kerberos
# headers python-gssapi builds against, then the pinned client's virtual environment
# (~/.cache/secmatrix/venvs/hazelcast-python-<version>: hazelcast-python-client + hazelcast-kerberos),
# made by the same code `secmatrix run --client hazelcast-python` uses. Skips what exists.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
need=()
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v gcc >/dev/null || need+=(build-essential)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing Debian packages for the Python adapter: ${need[*]}"
  timeout 600 apt-get update -qq
  timeout 900 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The pinned version (the registry's default); another version installs on first use of NAME@VERSION.
timeout 900 node harness/cli/secmatrix.mjs adapter install hazelcast-python
timeout 300 node harness/cli/secmatrix.mjs adapter check hazelcast-python
