#!/bin/sh
# Starts the hazelcast-java adapter (adapter protocol v1 on stdin/stdout). Build it first with
# .ci/setup-java-adapter.sh. SECMATRIX_HZ_ENTERPRISE_JAR, when set, names a Hazelcast Enterprise
# client jar put ahead of the open-source client on the class path (TLS and CP then work).
dir=$(cd "$(dirname "$0")" && pwd)
jar="$dir/target/hazelcast-java-adapter.jar"
if [ ! -s "$jar" ]; then
  echo "hazelcast-java adapter: $jar is not built (run .ci/setup-java-adapter.sh)" >&2
  exit 2
fi
cp="$jar"
if [ -n "${SECMATRIX_HZ_ENTERPRISE_JAR:-}" ]; then cp="$SECMATRIX_HZ_ENTERPRISE_JAR:$jar"; fi
exec java -Xmx256m -XX:TieredStopAtLevel=1 ${SECMATRIX_JAVA_OPTS:-} -cp "$cp" secmatrix.adapter.Main
