// The declarative codec layer against byte layouts written out by hand from the client codecs
// (hazelcast-client lib/codec/*.js), and against the official client's own decoders.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { decodeEvent, decodeRequest, decodeResponse, encodeEvent, encodeRequest, encodeResponse, MalformedMessage, readHeader } from '../../../harness/hazelcast/reference-member/protocol/codec.ts';
import * as defs from '../../../harness/hazelcast/reference-member/protocol/definitions/index.ts';
import { accessControlError, encodeError, notAuthenticatedError } from '../../../harness/hazelcast/reference-member/protocol/errors.ts';
import { writeMessage, type ClientMessage } from '../../../harness/hazelcast/reference-member/protocol/frames.ts';
import { InboundReader } from '../../../harness/hazelcast/reference-member/protocol/reader.ts';
import { isFixed, type FieldType, type Fields } from '../../../harness/hazelcast/reference-member/protocol/types.ts';
import { le32, le64, nullUuid, str, u8, uuidBytes, wireFrame } from './bytes.ts';

const require = createRequire(import.meta.url);
const hzlib = (path: string) => require(`hazelcast-client/lib/${path}`);

const UNFRAG = 0xc000;
const FINAL = 0x2000;
const BEGIN = 0x1000;
const END = 0x0800;
const NULL = 0x0400;
const EVENT = 0x0200;

const MEMBER_UUID = '01234567-89ab-cdef-fedc-ba9876543210';
const MSB = 0x0123456789abcdefn;
const LSB = -0x0123456789abcdf0n; // 0xfedcba9876543210 as a signed int64

/** Parses wire bytes back into frames (no protocol header). */
const frames = (bytes: Buffer): ClientMessage => {
  const out = new InboundReader({ expectHeader: false }).push(bytes);
  expect(out).toHaveLength(1);
  return out[0]!;
};

/** Feeds member output to the official client's reader and returns its ClientMessage. */
function asClientMessage(message: ClientMessage) {
  const { ClientMessageReader } = hzlib('network/Connection');
  const reader = new ClientMessageReader();
  reader.append(writeMessage(message));
  const m = reader.read();
  expect(m).not.toBeNull();
  return m;
}

describe('requests decoded from hand-written bytes', () => {
  test('Map.Put: fixed threadId and ttl at offset 16, then name, key, value frames', () => {
    const bytes = Buffer.concat([
      wireFrame(UNFRAG, le32(0x010100), le64(77n), le32(12), le64(5n), le64(-1n)),
      wireFrame(0, str('orders')),
      wireFrame(0, Buffer.from([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xf5, 1])),
      wireFrame(FINAL, Buffer.from([9, 9])),
    ]);
    const message = frames(bytes);
    expect(readHeader(message)).toEqual({ messageType: 0x010100, correlationId: 77n, partitionId: 12 });
    const req = decodeRequest(defs.MapPut, message);
    expect(req.threadId).toBe(5n);
    expect(req.ttl).toBe(-1n);
    expect(req.name).toBe('orders');
    expect(req.key).toEqual(Buffer.from([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xf5, 1]));
    expect(req.value).toEqual(Buffer.from([9, 9]));
  });

  test('Client.Authentication: UUID and serialization version fixed; null username, list of labels', () => {
    const bytes = Buffer.concat([
      wireFrame(UNFRAG, le32(0x000100), le64(1n), le32(-1), uuidBytes(MSB, LSB), u8(1)),
      wireFrame(0, str('dev')),
      wireFrame(NULL),
      wireFrame(0, str('s3cret')),
      wireFrame(0, str('NJS')),
      wireFrame(0, str('5.7.0')),
      wireFrame(0, str('hz.client_0')),
      wireFrame(BEGIN),
      wireFrame(0, str('red')),
      wireFrame(0, str('blue')),
      wireFrame(END | FINAL),
    ]);
    expect(decodeRequest(defs.ClientAuthentication, frames(bytes))).toEqual({
      uuid: MEMBER_UUID,
      serializationVersion: 1,
      clusterName: 'dev',
      username: null,
      password: 's3cret',
      clientType: 'NJS',
      clientHazelcastVersion: '5.7.0',
      clientName: 'hz.client_0',
      labels: ['red', 'blue'],
    });
  });

  test('Client.AuthenticationCustom: credentials are one byte-array frame', () => {
    const bytes = Buffer.concat([
      wireFrame(UNFRAG, le32(0x000200), le64(1n), le32(-1), nullUuid(), u8(1)),
      wireFrame(0, str('dev')),
      wireFrame(0, Buffer.from([1, 2, 3])),
      wireFrame(0, str('NJS')),
      wireFrame(0, str('5.7.0')),
      wireFrame(0, str('c')),
      wireFrame(BEGIN),
      wireFrame(END | FINAL),
    ]);
    const req = decodeRequest(defs.ClientAuthenticationCustom, frames(bytes));
    expect(req.uuid).toBeNull();
    expect(req.credentials).toEqual(Buffer.from([1, 2, 3]));
    expect(req.labels).toEqual([]);
  });

  test('Client.CreateProxies: an entry list of string pairs between BEGIN and END', () => {
    const bytes = Buffer.concat([
      wireFrame(UNFRAG, le32(0x000e00), le64(3n), le32(-1)),
      wireFrame(BEGIN),
      wireFrame(0, str('a')),
      wireFrame(0, str('hz:impl:mapService')),
      wireFrame(0, str('b')),
      wireFrame(0, str('hz:impl:queueService')),
      wireFrame(END | FINAL),
    ]);
    expect(decodeRequest(defs.ClientCreateProxies, frames(bytes)).proxies).toEqual([
      ['a', 'hz:impl:mapService'],
      ['b', 'hz:impl:queueService'],
    ]);
  });

  test('Map.AddEntryListener: boolean, int, boolean packed at 16, 17, 21', () => {
    const bytes = Buffer.concat([
      wireFrame(UNFRAG, le32(0x011900), le64(8n), le32(-1), u8(1), le32(7), u8(0)),
      wireFrame(FINAL, str('m')),
    ]);
    expect(decodeRequest(defs.MapAddEntryListener, frames(bytes))).toEqual({ includeValue: true, listenerFlags: 7, localOnly: false, name: 'm' });
  });

  test('a request whose initial frame is too short for its fixed fields is malformed', () => {
    const bytes = Buffer.concat([wireFrame(UNFRAG, le32(0x010100), le64(1n), le32(-1), le64(5n)), wireFrame(FINAL, str('m'))]);
    expect(() => decodeRequest(defs.MapPut, frames(bytes))).toThrow(MalformedMessage);
  });

  test('a request missing var-size frames is malformed', () => {
    const bytes = Buffer.concat([wireFrame(UNFRAG | FINAL, le32(0x010200), le64(1n), le32(-1), le64(5n))]);
    expect(() => decodeRequest(defs.MapGet, frames(bytes))).toThrow(/ended early/);
  });

  test('a list without its BEGIN frame is malformed', () => {
    const bytes = Buffer.concat([wireFrame(UNFRAG, le32(0x000e00), le64(3n), le32(-1)), wireFrame(FINAL, str('a'))]);
    expect(() => decodeRequest(defs.ClientCreateProxies, frames(bytes))).toThrow(/BEGIN_DATA_STRUCTURE/);
  });

  test('an initial frame shorter than the request header is malformed', () => {
    expect(() => readHeader([{ flags: UNFRAG | FINAL, content: Buffer.alloc(10) }])).toThrow(MalformedMessage);
  });
});

describe('responses and events encoded to hand-written bytes', () => {
  test('authentication response: status, member UUID, version, partition count, cluster id, failover at 13; address; version string', () => {
    const out = writeMessage(
      encodeResponse(defs.ClientAuthentication, 4n, {
        status: 0,
        memberUuid: MEMBER_UUID,
        serializationVersion: 1,
        partitionCount: 271,
        clusterId: null,
        failoverSupported: false,
        address: { host: '127.0.0.1', port: 5701 },
        serverHazelcastVersion: '5.5.0',
      }),
    );
    const expected = Buffer.concat([
      wireFrame(UNFRAG, le32(0x000101), le64(4n), u8(0), u8(0), uuidBytes(MSB, LSB), u8(1), le32(271), nullUuid(), u8(0)),
      wireFrame(BEGIN),
      wireFrame(0, le32(5701)),
      wireFrame(0, str('127.0.0.1')),
      wireFrame(END),
      wireFrame(FINAL, str('5.5.0')),
    ]);
    expect(out.toString('hex')).toBe(expected.toString('hex'));
  });

  test('a response without fields is the 13-byte header alone, with both fragment flags and IS_FINAL', () => {
    const out = writeMessage(encodeResponse(defs.ClientPing, 9n, {}));
    expect(out.toString('hex')).toBe(wireFrame(UNFRAG | FINAL, le32(0x000b01), le64(9n), u8(0)).toString('hex'));
  });

  test('Map.Get response with a null value is a NULL frame', () => {
    const out = writeMessage(encodeResponse(defs.MapGet, 2n, { response: null }));
    expect(out.toString('hex')).toBe(Buffer.concat([wireFrame(UNFRAG, le32(0x010201), le64(2n), u8(0)), wireFrame(NULL | FINAL)]).toString('hex'));
  });

  test('partitions view event: IS_EVENT, version at 16, list of int lists then one UUID list', () => {
    const out = writeMessage(encodeEvent(defs.ClientAddClusterViewListener.events.PartitionsView, 6n, { version: 1, partitions: [[MEMBER_UUID, [0, 1, 2]]] }));
    const expected = Buffer.concat([
      wireFrame(UNFRAG | EVENT, le32(0x000303), le64(6n), le32(-1), le32(1)),
      wireFrame(BEGIN),
      wireFrame(0, le32(0), le32(1), le32(2)),
      wireFrame(END),
      wireFrame(FINAL, uuidBytes(MSB, LSB)),
    ]);
    expect(out.toString('hex')).toBe(expected.toString('hex'));
  });

  test('error response: type 0, list of error holders with code, class name, message, stack trace list', () => {
    const out = writeMessage(encodeError(11n, accessControlError('Permission denied!')));
    const expected = Buffer.concat([
      wireFrame(UNFRAG, le32(0), le64(11n), u8(0)),
      wireFrame(BEGIN),
      wireFrame(BEGIN),
      wireFrame(0, le32(64)),
      wireFrame(0, str('java.security.AccessControlException')),
      wireFrame(0, str('Permission denied!')),
      wireFrame(BEGIN),
      wireFrame(END),
      wireFrame(END),
      wireFrame(END | FINAL),
    ]);
    expect(out.toString('hex')).toBe(expected.toString('hex'));
  });
});

describe('what the official client decodes from member output', () => {
  test('authentication response', () => {
    const { ClientAuthenticationCodec } = hzlib('codec/ClientAuthenticationCodec');
    const decoded = ClientAuthenticationCodec.decodeResponse(
      asClientMessage(
        encodeResponse(defs.ClientAuthentication, 1n, {
          status: 1,
          memberUuid: null,
          serializationVersion: 1,
          partitionCount: 271,
          clusterId: MEMBER_UUID,
          failoverSupported: false,
          address: null,
          serverHazelcastVersion: '5.5.0',
        }),
      ),
    );
    expect(decoded.status).toBe(1);
    expect(decoded.memberUuid).toBeNull();
    expect(decoded.partitionCount).toBe(271);
    expect(decoded.clusterId.toString()).toBe(MEMBER_UUID);
    expect(decoded.address).toBeNull();
    expect(decoded.serverHazelcastVersion).toBe('5.5.0');
  });

  test('members view and partitions view events', () => {
    const { ClientAddClusterViewListenerCodec } = hzlib('codec/ClientAddClusterViewListenerCodec');
    const member = {
      uuid: MEMBER_UUID,
      liteMember: false,
      address: { host: '127.0.0.1', port: 5701 },
      attributes: [['zone', 'a']] as Array<[string, string]>,
      version: { major: 5, minor: 5, patch: 0 },
      addressMap: [[{ type: 0, identifier: null }, { host: '127.0.0.1', port: 5701 }]] as Array<[{ type: number; identifier: string | null }, { host: string; port: number }]>,
    };
    let members: any[] = [];
    let partitions: any[] = [];
    ClientAddClusterViewListenerCodec.handle(
      asClientMessage(encodeEvent(defs.ClientAddClusterViewListener.events.MembersView, 1n, { version: 3, memberInfos: [member] })),
      (version: number, infos: any[]) => {
        expect(version).toBe(3);
        members = infos;
      },
    );
    expect(members).toHaveLength(1);
    expect(members[0].uuid.toString()).toBe(MEMBER_UUID);
    expect(members[0].address.toString()).toBe('127.0.0.1:5701');
    expect(members[0].attributes.get('zone')).toBe('a');
    expect(members[0].version.toString()).toBe('5.5.0');
    expect(members[0].addressMap.size).toBe(1);
    const table = Array.from({ length: 271 }, (_, i) => i);
    ClientAddClusterViewListenerCodec.handle(
      asClientMessage(encodeEvent(defs.ClientAddClusterViewListener.events.PartitionsView, 1n, { version: 1, partitions: [[MEMBER_UUID, table]] })),
      null,
      (_v: number, p: any[]) => (partitions = p),
    );
    expect(partitions[0][0].toString()).toBe(MEMBER_UUID);
    expect(partitions[0][1]).toEqual(table);
  });

  test('map entry event', () => {
    // Serialized data: partition hash, type id, payload (the client refuses fewer than 9 bytes).
    const keyData = Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xf5, 1, 2]);
    const oldData = Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xf5, 3]);
    const { MapAddEntryListenerCodec } = hzlib('codec/MapAddEntryListenerCodec');
    let got: unknown[] = [];
    MapAddEntryListenerCodec.handle(
      asClientMessage(
        encodeEvent(defs.MapAddEntryListener.events.Entry, 5n, {
          eventType: 1,
          uuid: MEMBER_UUID,
          numberOfAffectedEntries: 1,
          key: keyData,
          value: null,
          oldValue: oldData,
          mergingValue: null,
        }),
      ),
      (key: any, value: any, oldValue: any, merging: any, type: number, uuid: any, n: number) => (got = [key?.toBuffer(), value, oldValue?.toBuffer(), merging, type, uuid.toString(), n]),
    );
    expect(got).toEqual([keyData, null, oldData, null, 1, MEMBER_UUID, 1]);
  });

  test('error response becomes an error carrying the Java class name, not a retryable one', () => {
    const { ClientErrorFactory } = hzlib('protocol/ErrorFactory');
    const core = require('hazelcast-client/lib/core');
    const err = new ClientErrorFactory().createErrorFromClientMessage(asClientMessage(encodeError(1n, accessControlError('Permission (x) denied!'))));
    expect(err.message).toContain('java.security.AccessControlException');
    expect(err.message).toContain('Permission (x) denied!');
    expect(err).toBeInstanceOf(core.UndefinedErrorCodeError);
    expect(err).not.toBeInstanceOf(core.RetryableHazelcastError);
  });

  test('the not-authenticated error keeps its cause', () => {
    const { ClientErrorFactory } = hzlib('protocol/ErrorFactory');
    const err = new ClientErrorFactory().createErrorFromClientMessage(asClientMessage(encodeError(1n, notAuthenticatedError('must authenticate'))));
    expect(err.cause?.constructor?.name).toBe('AuthenticationError');
  });

  test('distributed objects list', () => {
    const { ClientGetDistributedObjectsCodec } = hzlib('codec/ClientGetDistributedObjectsCodec');
    const list = ClientGetDistributedObjectsCodec.decodeResponse(
      asClientMessage(encodeResponse(defs.ClientGetDistributedObjects, 1n, { response: [{ serviceName: 'hz:impl:mapService', name: 'm' }] })),
    );
    expect(list.map((o: any) => [o.serviceName, o.name])).toEqual([['hz:impl:mapService', 'm']]);
  });
});

describe('every definition round-trips through the generic codec', () => {
  // A sample value for any field type, so each definition is exercised without per-message code.
  function sample(type: FieldType<unknown>, seed: number): unknown {
    if (isFixed(type)) {
      switch (type.fixed) {
        case 'byte':
          return seed % 256;
        case 'boolean':
          return seed % 2 === 0;
        case 'int':
          return -seed;
        case 'long':
          return BigInt(seed) * 1_000_000_007n;
        case 'uuid':
          return seed % 3 === 0 ? null : MEMBER_UUID;
      }
    }
    switch (type.kind) {
      case 'string':
        return `s${seed}`;
      case 'data':
      case 'bytes':
        return Buffer.from([seed, seed + 1]);
      case 'nullable':
        return seed % 2 === 0 ? null : sample(type.of, seed + 1);
      case 'list':
        return [sample(type.of, seed + 1), sample(type.of, seed + 2)];
      case 'packed':
        return [sample({ kind: 'fixed', fixed: type.of }, seed + 1), sample({ kind: 'fixed', fixed: type.of }, seed + 2)];
      case 'entries':
        return [[sample(type.key, seed + 1), sample(type.value, seed + 2)]];
      case 'uuidToIntLists':
        return [[MEMBER_UUID, [seed, seed + 1]], [null, []]];
      case 'struct':
        return sampleValues(type.fields, seed + 1);
    }
  }
  const sampleValues = (fields: Fields, seed: number) =>
    Object.fromEntries(Object.entries(fields).map(([name, type], i) => [name, sample(type, seed + i)])) as any;

  for (const def of defs.ALL_DEFINITIONS) {
    test(`${def.name} (0x${def.id.toString(16).padStart(6, '0')})`, () => {
      for (const seed of [1, 2]) {
        const req = sampleValues(def.request, seed);
        const reqMessage = frames(writeMessage(encodeRequest(def, 10n, req, 7)));
        expect(readHeader(reqMessage)).toEqual({ messageType: def.id, correlationId: 10n, partitionId: 7 });
        expect(decodeRequest(def, reqMessage)).toEqual(req);
        const res = sampleValues(def.response, seed);
        const resMessage = frames(writeMessage(encodeResponse(def, 11n, res)));
        expect(resMessage[0]!.content.readInt32LE(0)).toBe(def.id + 1);
        expect(decodeResponse(def, resMessage)).toEqual(res);
        for (const ev of Object.values(def.events)) {
          const values = sampleValues(ev.fields, seed);
          const evMessage = frames(writeMessage(encodeEvent(ev, 12n, values)));
          expect(evMessage[0]!.flags & EVENT).toBe(EVENT);
          expect(decodeEvent(ev, evMessage)).toEqual(values);
        }
      }
    });
  }

  test('ids are unique', () => {
    expect(new Set(defs.ALL_DEFINITIONS.map((d) => d.id)).size).toBe(defs.ALL_DEFINITIONS.length);
  });
});
