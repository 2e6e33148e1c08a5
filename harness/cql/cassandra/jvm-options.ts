// The JVM flags Cassandra 5.0 needs on Java 17: the JPMS and Netty part of its conf/jvm17-server.options
// (GC tuning left out: a throw-away test server), plus what makes it a private, foreground test server.

export const JVM17_FLAGS: readonly string[] = [
  '-Djdk.attach.allowAttachSelf=true',
  '--add-exports',
  'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports',
  'java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
  '--add-exports',
  'java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports',
  'java.rmi/sun.rmi.server=ALL-UNNAMED',
  '--add-exports',
  'java.sql/java.sql=ALL-UNNAMED',
  '--add-exports',
  'java.base/java.lang.ref=ALL-UNNAMED',
  '--add-exports',
  'jdk.unsupported/sun.misc=ALL-UNNAMED',
  '--add-exports',
  'jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports',
  'jdk.attach/sun.tools.attach=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang.module=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.loader=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.reflect=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.math=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.module=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.util.jar=ALL-UNNAMED',
  '--add-opens',
  'jdk.management/com.sun.management.internal=ALL-UNNAMED',
  '--add-opens',
  'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.io=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens',
  'jdk.compiler/com.sun.tools.javac=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.util=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.allocator.useCacheForAllThreads=true',
  '-Dio.netty.allocator.maxOrder=11',
];

export interface JvmArgsInput {
  lib: string;
  yamlPath: string;
  storageDir: string;
  logDir: string;
  /** java.io.tmpdir: Cassandra unpacks native libraries (lz4, snappy) there at every start. */
  tmpDir?: string;
  heap: string;
  /** JSSE instead of netty-tcnative's OpenSSL (alerts differ; failure classes do not). */
  jsse?: boolean;
}

export function cassandraJvmArgs(i: JvmArgsInput): string[] {
  return [
    `-Xms256m`,
    `-Xmx${i.heap}`,
    '-XX:+UseG1GC',
    '-XX:TieredStopAtLevel=1',
    '-Xss512k',
    // No hsperfdata file in /tmp: the stop is a SIGKILL, which would leave one per start.
    '-XX:-UsePerfData',
    ...JVM17_FLAGS,
    ...(i.tmpDir ? [`-Djava.io.tmpdir=${i.tmpDir}`] : []),
    `-Dcassandra.config=file://${i.yamlPath}`,
    `-Dcassandra.storagedir=${i.storageDir}`,
    `-Dcassandra.logdir=${i.logDir}`,
    '-Dcassandra-foreground=yes',
    // The default superuser cassandra/cassandra exists ~0.1 s after start instead of 10 s later.
    '-Dcassandra.superuser_setup_delay_ms=0',
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    ...(i.jsse ? ['-Dcassandra.disable_tcactive_openssl=true'] : []),
    '-cp',
    `${i.lib}/*`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}
