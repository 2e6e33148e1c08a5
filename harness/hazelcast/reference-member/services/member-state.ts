// What one reference member holds: its identity, its (single-member) cluster view, the distributed
// objects clients created, map contents as opaque serialized bytes, and listener registrations.
import { randomUUID } from 'node:crypto';
import type { ClientMessage } from '../protocol/frames.ts';
import type { Uuid } from '../protocol/types.ts';

/** The member is one member owning every partition; real members default to 271. */
export const PARTITION_COUNT = 271;
/** Reported as the member's version (auth response and members view). */
export const MEMBER_VERSION = { major: 5, minor: 5, patch: 0 } as const;
export const SERVER_HAZELCAST_VERSION = '5.5.0';
/** The serialization version of Hazelcast 4.x/5.x members. */
export const SERIALIZATION_VERSION = 1;

/** What handlers may do with the connection a request came on. */
export interface ConnectionHandle {
  readonly id: number;
  /** False once closed: events are no longer sent to it. */
  readonly alive: boolean;
  send(message: ClientMessage): void;
}

export interface ListenerRegistration {
  id: string;
  /** e.g. 'distributed-object', 'map-entry', 'backup', 'cluster-view'. */
  kind: string;
  /** The map (or other object) name for object-scoped listeners. */
  objectName?: string;
  connection: ConnectionHandle;
  /** Events are correlated to the registration request. */
  correlationId: bigint;
  /** Listener-specific options, e.g. { includeValue, listenerFlags } for map entry listeners. */
  options: Record<string, unknown>;
}

export interface StoredEntry {
  key: Buffer;
  value: Buffer;
}

export class MemberState {
  readonly uuid: string;
  readonly clusterId: string;
  readonly partitionCount = PARTITION_COUNT;
  readonly memberListVersion = 1;
  readonly partitionStateVersion = 1;
  /** distributed objects by `${serviceName}\0${name}` */
  private readonly objects = new Map<string, { serviceName: string; name: string }>();
  /** map name -> hex(key bytes) -> entry */
  private readonly maps = new Map<string, Map<string, StoredEntry>>();
  private readonly registrations = new Map<string, ListenerRegistration>();
  /** <user-code-deployment enabled="true">: Client.DeployClasses is accepted (default off). */
  userCodeDeployment = false;

  constructor(
    readonly clusterName: string,
    readonly host: string,
    readonly port: number,
  ) {
    this.uuid = randomUUID();
    this.clusterId = randomUUID();
  }

  /** The member as the members view and auth response describe it. */
  memberInfo() {
    const address = { host: this.host, port: this.port };
    return {
      uuid: this.uuid as Uuid,
      liteMember: false,
      address,
      attributes: [] as Array<[string, string]>,
      version: { ...MEMBER_VERSION },
      // With default (non-advanced) networking there is one address, under the MEMBER (0) protocol type.
      addressMap: [[{ type: 0, identifier: null }, address]] as Array<[{ type: number; identifier: string | null }, { host: string; port: number }]>,
    };
  }

  /** Every partition id, all owned by this member. */
  partitionTable(): Array<[Uuid, number[]]> {
    return [[this.uuid, Array.from({ length: this.partitionCount }, (_, i) => i)]];
  }

  // ---------------------------------------------------------------- distributed objects

  /** Returns true when the object did not exist before. */
  createObject(serviceName: string, name: string): boolean {
    const k = `${serviceName}\0${name}`;
    if (this.objects.has(k)) return false;
    this.objects.set(k, { serviceName, name });
    this.publishObjectEvent(serviceName, name, 'CREATED');
    return true;
  }

  destroyObject(serviceName: string, name: string): void {
    const k = `${serviceName}\0${name}`;
    if (serviceName === 'hz:impl:mapService') this.maps.delete(name);
    if (this.objects.delete(k)) this.publishObjectEvent(serviceName, name, 'DESTROYED');
  }

  listObjects(): Array<{ serviceName: string; name: string }> {
    return [...this.objects.values()];
  }

  /** Set by the client service: sends distributed object events to registered listeners. */
  onObjectEvent: ((serviceName: string, name: string, eventType: 'CREATED' | 'DESTROYED') => void) | undefined;

  private publishObjectEvent(serviceName: string, name: string, eventType: 'CREATED' | 'DESTROYED'): void {
    this.onObjectEvent?.(serviceName, name, eventType);
  }

  // ---------------------------------------------------------------- maps

  map(name: string): Map<string, StoredEntry> {
    let m = this.maps.get(name);
    if (!m) {
      m = new Map();
      this.maps.set(name, m);
      // Operations on a map create it implicitly, as on a real member.
      this.createObject('hz:impl:mapService', name);
    }
    return m;
  }

  // ---------------------------------------------------------------- listeners

  register(reg: Omit<ListenerRegistration, 'id'>): string {
    const id = randomUUID();
    this.registrations.set(id, { ...reg, id });
    return id;
  }

  deregister(id: string | null, kind?: string): boolean {
    if (id === null) return false;
    const reg = this.registrations.get(id);
    if (!reg || (kind !== undefined && reg.kind !== kind)) return false;
    return this.registrations.delete(id);
  }

  listeners(kind: string, objectName?: string): ListenerRegistration[] {
    return [...this.registrations.values()].filter(
      (r) => r.kind === kind && r.connection.alive && (objectName === undefined || r.objectName === objectName),
    );
  }

  /** A connection went away: its registrations go with it. */
  dropConnection(connectionId: number): void {
    for (const [id, r] of this.registrations) if (r.connection.id === connectionId) this.registrations.delete(id);
  }
}
