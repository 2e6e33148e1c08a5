#!/usr/bin/env bash
# Resolves Apache Cassandra (org.apache.cassandra:cassandra-all) and its runtime dependencies from
# Maven Central into ~/.cache/secmatrix/cassandra-<version>/lib, once. Idempotent: skipped when the
# lib directory is complete (a marker file is written last). Bounded: the Maven step has a timeout.
# Usage: .ci/setup-cassandra.sh [version]   (default: CASSANDRA_VERSION or 5.0.9)
set -euo pipefail
version="${1:-${CASSANDRA_VERSION:-5.0.9}}"
cache="${SECMATRIX_CACHE:-$HOME/.cache/secmatrix}/cassandra-$version"
if [ -f "$cache/lib/.complete" ]; then
  echo "cassandra $version: already in $cache/lib"
  exit 0
fi
command -v mvn >/dev/null || { echo "setup-cassandra: mvn is needed (Debian: maven)" >&2; exit 1; }
command -v java >/dev/null || { echo "setup-cassandra: java 17 is needed (Debian: openjdk-17-jdk-headless)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>secmatrix</groupId><artifactId>cassandra-resolve</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.cassandra</groupId><artifactId>cassandra-all</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
rm -rf "$cache/lib.partial"
mkdir -p "$cache/lib.partial"
echo "cassandra $version: resolving with Maven into $cache/lib"
timeout 900 mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$cache/lib.partial"
n=$(ls "$cache/lib.partial"/*.jar | wc -l)
[ -f "$cache/lib.partial/cassandra-all-$version.jar" ] || { echo "setup-cassandra: cassandra-all-$version.jar missing" >&2; exit 1; }
rm -rf "$cache/lib"
mv "$cache/lib.partial" "$cache/lib"
echo "$version $n jars" > "$cache/lib/.complete"
echo "cassandra $version: $n jars in $cache/lib"
