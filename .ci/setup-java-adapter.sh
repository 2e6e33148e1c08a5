#!/usr/bin/env bash
# Builds the hazelcast-java adapter (harness/clients/adapters/hazelcast-java) into
# target/hazelcast-java-adapter.jar with Maven: the official Java client com.hazelcast:hazelcast
# (5.7.0 by default; HZ_JAVA_VERSION=5.x.y builds against another release) from Maven Central.
# Idempotent: skipped when the jar is newer than every source file and the pom. Dependencies are
# cached in .secmatrix-cache/m2 (git-ignored). Needs Java 17 and Maven (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=harness/clients/adapters/hazelcast-java
jar=$dir/target/hazelcast-java-adapter.jar
version=${HZ_JAVA_VERSION:-5.7.0}
stamp=$dir/target/.hazelcast-version

if [ -s "$jar" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ] \
  && [ -z "$(find "$dir/pom.xml" "$dir/capabilities.json" "$dir/src" -newer "$jar" -print -quit)" ]; then
  echo "== hazelcast-java adapter: up to date ($jar)"
  exit 0
fi

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
  echo "== installing Java 17 and Maven"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
fi

echo "== building the hazelcast-java adapter (client $version)"
repo="$PWD/.secmatrix-cache/m2"
mkdir -p "$repo"
# Bounded: a stuck download must not hang CI.
timeout 900 mvn -q -B -f "$dir/pom.xml" -Dmaven.repo.local="$repo" -Dhazelcast.version="$version" package
echo "$version" > "$stamp"
ls -l "$jar"
