// Permissions the member's operations need, named the way the member configuration names them
// (PermissionConfig.type) plus the Java permission class the real member would report in its
// AccessControlException message.
import type { RequiredPermission } from '../security/api.ts';

/** Service names of distributed objects (as sent in Client.CreateProxy) -> permission type. */
export const SERVICE_PERMISSION_TYPES: Readonly<Record<string, string>> = {
  'hz:impl:mapService': 'map',
  'hz:impl:queueService': 'queue',
  'hz:impl:topicService': 'topic',
  'hz:impl:reliableTopicService': 'reliable-topic',
  'hz:impl:listService': 'list',
  'hz:impl:setService': 'set',
  'hz:impl:multiMapService': 'multimap',
  'hz:impl:replicatedMapService': 'replicatedmap',
  'hz:impl:ringbufferService': 'ring-buffer',
  'hz:impl:flakeIdGeneratorService': 'flake-id-generator',
  'hz:impl:PNCounterService': 'pn-counter',
  'hz:impl:cardinalityEstimatorService': 'cardinality-estimator',
  'hz:impl:executorService': 'executor-service',
  'hz:impl:durableExecutorService': 'durable-executor-service',
  'hz:impl:scheduledExecutorService': 'scheduled-executor',
  'hz:impl:cacheService': 'cache',
  'hz:raft:atomicLongService': 'atomic-long',
  'hz:raft:atomicRefService': 'atomic-reference',
  'hz:raft:countDownLatchService': 'countdown-latch',
  'hz:raft:semaphoreService': 'semaphore',
  'hz:raft:lockService': 'lock',
};

/** Permission type -> com.hazelcast.security.permission class name. */
export const PERMISSION_CLASS_NAMES: Readonly<Record<string, string>> = {
  map: 'MapPermission',
  queue: 'QueuePermission',
  topic: 'TopicPermission',
  'reliable-topic': 'ReliableTopicPermission',
  list: 'ListPermission',
  set: 'SetPermission',
  multimap: 'MultiMapPermission',
  replicatedmap: 'ReplicatedMapPermission',
  'ring-buffer': 'RingBufferPermission',
  'flake-id-generator': 'FlakeIdGeneratorPermission',
  'pn-counter': 'PNCounterPermission',
  'cardinality-estimator': 'CardinalityEstimatorPermission',
  'executor-service': 'ExecutorServicePermission',
  'durable-executor-service': 'DurableExecutorServicePermission',
  'scheduled-executor': 'ScheduledExecutorPermission',
  cache: 'CachePermission',
  'atomic-long': 'AtomicLongPermission',
  'atomic-reference': 'AtomicReferencePermission',
  'countdown-latch': 'CountDownLatchPermission',
  semaphore: 'SemaphorePermission',
  lock: 'LockPermission',
  transaction: 'TransactionPermission',
  management: 'ManagementPermission',
  config: 'ConfigPermission',
  'user-code-deployment': 'UserCodeDeploymentPermission',
};

/** The permission to create or destroy a proxy of a service, or undefined for services without one. */
export function proxyPermission(serviceName: string, name: string, action: 'create' | 'destroy'): RequiredPermission | undefined {
  const type = SERVICE_PERMISSION_TYPES[serviceName];
  return type ? { type, name, action } : undefined;
}

/** Java's Permission.toString() shape: ("class" "name" "actions"). */
export function describePermission(p: RequiredPermission): string {
  const simple = PERMISSION_CLASS_NAMES[p.type] ?? `${p.type}Permission`;
  const parts = [`"com.hazelcast.security.permission.${simple}"`, JSON.stringify(p.name)];
  if (p.action) parts.push(JSON.stringify(p.action));
  return `(${parts.join(' ')})`;
}

/** The real member's AccessControlException message (SecurityContextImpl.checkPermission). */
export function deniedMessage(p: RequiredPermission): string {
  return `Permission ${describePermission(p)} denied!`;
}
