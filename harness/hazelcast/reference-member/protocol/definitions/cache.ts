// Cache.* messages (JCache through the Java client's CachingProvider, 5.7.0; Cache*Codec) and the
// CacheConfigHolder structure (custom/CacheConfigHolderCodec and its nested codecs). The client
// names a cache "/hz/<name>" (HazelcastCacheManager.CACHE_MANAGER_PREFIX + name) in every request.
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';

export const EvictionConfigHolder = t.struct('EvictionConfigHolder', {
  size: t.int,
  maxSizePolicy: t.string,
  evictionPolicy: t.string,
  comparatorClassName: t.nullable(t.string),
  comparator: t.nullable(t.data),
});

export const WanReplicationRef = t.struct('WanReplicationRef', {
  republishingEnabled: t.boolean,
  name: t.string,
  mergePolicyClassName: t.string,
  filters: t.nullable(t.list(t.string)),
});

export const HotRestartConfig = t.struct('HotRestartConfig', { enabled: t.boolean, fsync: t.boolean });

export const EventJournalConfig = t.struct('EventJournalConfig', { enabled: t.boolean, capacity: t.int, timeToLiveSeconds: t.int });

export const MergePolicyConfig = t.struct('MergePolicyConfig', { batchSize: t.int, policy: t.string });

export const ListenerConfigHolder = t.struct('ListenerConfigHolder', {
  listenerType: t.int,
  includeValue: t.boolean,
  local: t.boolean,
  listenerImplementation: t.nullable(t.data),
  className: t.nullable(t.string),
});

export const MerkleTreeConfig = t.struct('MerkleTreeConfig', { enabled: t.boolean, depth: t.int, enabledSet: t.boolean });

export const DataPersistenceConfig = t.struct('DataPersistenceConfig', { enabled: t.boolean, fsync: t.boolean });

export const CacheConfigHolder = t.struct('CacheConfigHolder', {
  backupCount: t.int,
  asyncBackupCount: t.int,
  readThrough: t.boolean,
  writeThrough: t.boolean,
  storeByValue: t.boolean,
  managementEnabled: t.boolean,
  statisticsEnabled: t.boolean,
  disablePerEntryInvalidationEvents: t.boolean,
  name: t.string,
  managerPrefix: t.nullable(t.string),
  uriString: t.nullable(t.string),
  inMemoryFormat: t.string,
  evictionConfigHolder: EvictionConfigHolder,
  wanReplicationRef: t.nullable(WanReplicationRef),
  keyClassName: t.string,
  valueClassName: t.string,
  cacheLoaderFactory: t.nullable(t.data),
  cacheWriterFactory: t.nullable(t.data),
  expiryPolicyFactory: t.data,
  hotRestartConfig: t.nullable(HotRestartConfig),
  eventJournalConfig: t.nullable(EventJournalConfig),
  splitBrainProtectionName: t.nullable(t.string),
  listenerConfigurations: t.nullable(t.list(t.data)),
  mergePolicyConfig: MergePolicyConfig,
  cachePartitionLostListenerConfigs: t.nullable(t.list(ListenerConfigHolder)),
  merkleTreeConfig: t.nullable(MerkleTreeConfig),
  dataPersistenceConfig: DataPersistenceConfig,
  userCodeNamespace: t.nullable(t.string),
});

export const CacheAddEntryListener = defineMessage({
  name: 'Cache.AddEntryListener',
  id: 0x130100,
  request: { localOnly: t.boolean, name: t.string },
  // Its event (Cache.Cache, 0x130102) is not defined: this member fires no cache events.
  response: { response: t.uuid },
});

export const CacheCreateConfig = defineMessage({
  name: 'Cache.CreateConfig',
  id: 0x130600,
  request: { createAlsoOnOthers: t.boolean, cacheConfig: CacheConfigHolder },
  response: { response: t.nullable(CacheConfigHolder) },
});

export const CacheDestroy = defineMessage({
  name: 'Cache.Destroy',
  id: 0x130700,
  request: { name: t.string },
  response: {},
});

export const CacheGetConfig = defineMessage({
  name: 'Cache.GetConfig',
  id: 0x130c00,
  request: { name: t.string, simpleName: t.string },
  response: { response: t.nullable(CacheConfigHolder) },
});

export const CacheGet = defineMessage({
  name: 'Cache.Get',
  id: 0x130d00,
  request: { name: t.string, key: t.data, expiryPolicy: t.nullable(t.data) },
  response: { response: t.nullable(t.data) },
});

export const CacheListenerRegistration = defineMessage({
  name: 'Cache.ListenerRegistration',
  id: 0x130f00,
  request: { shouldRegister: t.boolean, uuid: t.uuid, name: t.string, listenerConfig: t.data },
  response: {},
});

export const CacheManagementConfig = defineMessage({
  name: 'Cache.ManagementConfig',
  id: 0x131100,
  request: { isStat: t.boolean, enabled: t.boolean, uuid: t.uuid, name: t.string },
  response: {},
});

export const CachePut = defineMessage({
  name: 'Cache.Put',
  id: 0x131300,
  request: { get: t.boolean, completionId: t.int, name: t.string, key: t.data, value: t.data, expiryPolicy: t.nullable(t.data) },
  response: { response: t.nullable(t.data) },
});

export const CacheRemoveEntryListener = defineMessage({
  name: 'Cache.RemoveEntryListener',
  id: 0x131400,
  request: { registrationId: t.uuid, name: t.string },
  response: { response: t.boolean },
});

export const CacheRemove = defineMessage({
  name: 'Cache.Remove',
  id: 0x131600,
  request: { completionId: t.int, name: t.string, key: t.data, currentValue: t.nullable(t.data) },
  response: { response: t.boolean },
});
