// The client permission elements of a Hazelcast member configuration, with the actions each
// permission class understands. Sources: the `permissions` complex type of hazelcast-config-5.5.xsd
// (element names), PermissionConfig.PermissionType (element -> permission class) and each
// permission class's initMask (which action strings set a bit; "all" sets every bit of that class).
//
// Two element names in the client-permissions documentation seed differ from the real schema:
// the documentation writes `ringbuffer-permission` and `scheduled-executor-service-permission`, the
// XSD and PermissionType use `ring-buffer-permission` and `scheduled-executor-permission`. A real
// member rejects the documentation spelling (schema validation), so we do too, with a hint.

export interface PermissionType {
  /** XML element name. */
  element: string;
  /** YAML key (the element name without "-permission"; "all" for all-permissions). */
  yamlKey: string;
  /** Short type used in PermissionConfig.type and RequiredPermission.type. */
  type: string;
  /** Whether the permission class matches object names (InstancePermission subclasses). */
  named: boolean;
  /** Whether the XSD requires the `name` attribute (instance-permission complex type). */
  nameRequired: boolean;
  /** Accepted actions; undefined for types without actions (base-permission in the XSD). */
  actions: readonly string[] | undefined;
}

const CRUD = ['create', 'destroy'];

function t(
  element: string,
  opts: { named: boolean; nameRequired?: boolean; actions?: readonly string[] },
): PermissionType {
  const yamlKey = element === 'all-permissions' ? 'all' : element.replace(/-permission$/, '');
  return {
    element,
    yamlKey,
    type: yamlKey,
    named: opts.named,
    nameRequired: opts.nameRequired ?? (opts.actions !== undefined && opts.named),
    actions: opts.actions === undefined ? undefined : ['all', ...opts.actions],
  };
}

export const PERMISSION_TYPES: readonly PermissionType[] = [
  // base-permission: no name, no actions.
  t('all-permissions', { named: false }),
  t('transaction-permission', { named: false }),
  t('config-permission', { named: false }),
  // management-permission: optional name (prefix wildcards), no actions.
  t('management-permission', { named: true, nameRequired: false }),
  // instance-permission: name + actions (MapPermission etc.).
  t('map-permission', { named: true, actions: [...CRUD, 'put', 'remove', 'read', 'listen', 'lock', 'index', 'intercept'] }),
  t('queue-permission', { named: true, actions: [...CRUD, 'add', 'remove', 'read', 'listen'] }),
  t('multimap-permission', { named: true, actions: [...CRUD, 'put', 'remove', 'read', 'listen', 'lock'] }),
  t('replicatedmap-permission', { named: true, actions: [...CRUD, 'put', 'remove', 'read', 'listen', 'lock', 'index', 'intercept'] }),
  t('topic-permission', { named: true, actions: [...CRUD, 'publish', 'listen'] }),
  t('reliable-topic-permission', { named: true, actions: [...CRUD, 'publish', 'listen'] }),
  t('list-permission', { named: true, actions: [...CRUD, 'add', 'read', 'remove', 'listen'] }),
  t('set-permission', { named: true, actions: [...CRUD, 'add', 'read', 'remove', 'listen'] }),
  // The seed lists "add" for ring buffers; RingBufferPermission has no add bit (a ring buffer add needs
  // "put"). Accepted because the documentation names it, and it grants nothing, as on the real member.
  t('ring-buffer-permission', { named: true, actions: [...CRUD, 'put', 'read', 'add'] }),
  t('lock-permission', { named: true, actions: [...CRUD, 'lock', 'read'] }),
  t('atomic-long-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('atomic-reference-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('countdown-latch-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('flake-id-generator-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('semaphore-permission', { named: true, actions: [...CRUD, 'acquire', 'release', 'read'] }),
  // read and modify: ExecutorServicePermission / DurableExecutorServicePermission.initMask (5.7.0;
  // submit and shutdown ask for modify, isShutdown and result retrieval for read). The seed lists
  // create and destroy only.
  t('executor-service-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('durable-executor-service-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('scheduled-executor-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('cardinality-estimator-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('pn-counter-permission', { named: true, actions: [...CRUD, 'read', 'modify'] }),
  t('cache-permission', { named: true, actions: [...CRUD, 'put', 'read', 'remove', 'listen'] }),
  t('cpmap-permission', { named: true, actions: [...CRUD, 'put', 'remove', 'read'] }),
  t('vector-collection-permission', { named: true, actions: [...CRUD, 'put', 'remove', 'read', 'optimize'] }),
  t('sql-permission', { named: true, actions: [...CRUD, 'index', 'create-view', 'drop-view'] }),
  t('connector-permission', { named: true, actions: ['read', 'write'] }),
  t('user-code-namespace-permission', { named: true, actions: [...CRUD, 'use'] }),
  // UserCodeDeploymentPermission and JobPermission carry no object name (the XSD still asks one of
  // user-code-deployment-permission, as an instance-permission).
  t('user-code-deployment-permission', { named: false, nameRequired: true, actions: ['deploy'] }),
  t('job-permission', { named: false, nameRequired: false, actions: ['submit', 'cancel', 'read', 'restart', 'export-snapshot', 'add-resources'] }),
];

/** Documentation spellings that are not schema elements, with the real name. */
export const MISSPELLED_PERMISSION_ELEMENTS: Readonly<Record<string, string>> = {
  'ringbuffer-permission': 'ring-buffer-permission',
  'scheduled-executor-service-permission': 'scheduled-executor-permission',
  ringbuffer: 'ring-buffer',
  'scheduled-executor-service': 'scheduled-executor',
};

export const PERMISSION_BY_ELEMENT: ReadonlyMap<string, PermissionType> = new Map(PERMISSION_TYPES.map((p) => [p.element, p]));
export const PERMISSION_BY_YAML_KEY: ReadonlyMap<string, PermissionType> = new Map(PERMISSION_TYPES.map((p) => [p.yamlKey, p]));
export const PERMISSION_BY_TYPE: ReadonlyMap<string, PermissionType> = new Map(PERMISSION_TYPES.map((p) => [p.type, p]));
