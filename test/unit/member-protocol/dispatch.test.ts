// What the member does with what it decodes: unknown message types, the handler table, the
// access-control message, and the event log's redaction.
import { describe, expect, test } from 'vitest';
import { readHeader } from '../../../harness/hazelcast/reference-member/protocol/codec.ts';
import { DEFINITIONS_BY_ID, DEFINITIONS_BY_NAME } from '../../../harness/hazelcast/reference-member/protocol/definitions/index.ts';
import { InboundReader } from '../../../harness/hazelcast/reference-member/protocol/reader.ts';
import { buildHandlerTable, DEFAULT_HANDLERS } from '../../../harness/hazelcast/reference-member/services/index.ts';
import { MemberLog } from '../../../harness/hazelcast/reference-member/services/member-log.ts';
import { deniedMessage, describePermission, proxyPermission } from '../../../harness/hazelcast/reference-member/services/permissions.ts';
import { le32, le64, str, wireFrame } from './bytes.ts';

describe('unknown message types', () => {
  test('a well-framed message of an unknown type decodes to a header with no definition or handler', () => {
    const [message] = new InboundReader().push(Buffer.concat([str('CP2'), wireFrame(0xc000 | 0x2000, le32(0x7f0100), le64(3n), le32(-1))]));
    const header = readHeader(message!);
    expect(header).toEqual({ messageType: 0x7f0100, correlationId: 3n, partitionId: -1 });
    expect(DEFINITIONS_BY_ID.get(header.messageType)).toBeUndefined();
    expect(buildHandlerTable(...DEFAULT_HANDLERS).get(header.messageType)).toBeUndefined();
  });
});

describe('handler table', () => {
  test('every handled message has a definition, and the listed messages are all served', () => {
    const table = buildHandlerTable(...DEFAULT_HANDLERS);
    for (const h of table.values()) expect(DEFINITIONS_BY_NAME.get(h.def.name)).toBe(h.def);
    const served = [...table.values()].map((h) => h.def.name).sort();
    // The data structure handlers (services/<structure>.ts) are checked in structure-definitions.test.ts.
    expect(served).toEqual(
      expect.arrayContaining([
        'Client.AddClusterViewListener',
        'Client.AddDistributedObjectListener',
        'Client.CreateProxies',
        'Client.CreateProxy',
        'Client.DestroyProxy',
        'Client.GetDistributedObjects',
        'Client.LocalBackupListener',
        'Client.Ping',
        'Client.RemoveDistributedObjectListener',
        'Client.Statistics',
        'Map.AddEntryListener',
        'Map.Get',
        'Map.Put',
        'Map.Remove',
        'Map.RemoveEntryListener',
      ]),
    );
  });

  test('two handlers for one message are refused', () => {
    expect(() => buildHandlerTable(...DEFAULT_HANDLERS, ...DEFAULT_HANDLERS)).toThrow(/two handlers/);
  });

  test('map handlers declare the map actions of the real member', () => {
    const table = buildHandlerTable(...DEFAULT_HANDLERS);
    const need = (name: string, req: Record<string, unknown>) => table.get(DEFINITIONS_BY_NAME.get(name)!.id)!.permission?.(req);
    expect(need('Map.Put', { name: 'm' })).toEqual({ type: 'map', name: 'm', action: 'put' });
    expect(need('Map.Get', { name: 'm' })).toEqual({ type: 'map', name: 'm', action: 'read' });
    expect(need('Map.Remove', { name: 'm' })).toEqual({ type: 'map', name: 'm', action: 'remove' });
    expect(need('Map.AddEntryListener', { name: 'm' })).toEqual({ type: 'map', name: 'm', action: 'listen' });
    expect(need('Client.CreateProxy', { name: 'm', serviceName: 'hz:impl:mapService' })).toEqual({ type: 'map', name: 'm', action: 'create' });
    expect(need('Client.DestroyProxy', { name: 'q', serviceName: 'hz:impl:queueService' })).toEqual({ type: 'queue', name: 'q', action: 'destroy' });
    expect(need('Client.Ping', {})).toBeUndefined();
  });
});

describe('access-control message', () => {
  test('reads like the real member\'s SecurityContextImpl', () => {
    expect(deniedMessage({ type: 'map', name: 'orders', action: 'put' })).toBe('Permission ("com.hazelcast.security.permission.MapPermission" "orders" "put") denied!');
    expect(describePermission({ type: 'ring-buffer', name: 'r', action: 'read' })).toContain('RingBufferPermission');
    expect(proxyPermission('hz:impl:unknownService', 'x', 'create')).toBeUndefined();
  });
});

describe('event log', () => {
  test('lines are redacted with the secrets the member knows; events carry no credentials', () => {
    const log = new MemberLog(() => ['s3crEt']);
    const entry = log.emit({ kind: 'tls-failed', connectionId: 1, remote: '127.0.0.1:1', error: 'bad password s3crEt' });
    expect(entry.text).not.toContain('s3crEt');
    expect(entry.text).toContain('***');
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('waitFor sees past and future events and times out', async () => {
    const log = new MemberLog(() => []);
    log.emit({ kind: 'stopped' });
    await expect(log.waitFor((e) => e.kind === 'stopped', 100)).resolves.toMatchObject({ kind: 'stopped' });
    const later = log.waitFor((e) => e.kind === 'connection-opened', 1_000);
    log.emit({ kind: 'connection-opened', connectionId: 2, remote: 'x' });
    await expect(later).resolves.toMatchObject({ connectionId: 2 });
    await expect(log.waitFor((e) => e.kind === 'listening', 50)).rejects.toThrow(/within 50 ms/);
  });

  test('a throwing subscriber does not stop the log', () => {
    const log = new MemberLog(() => []);
    log.subscribe(() => {
      throw new Error('boom');
    });
    expect(() => log.emit({ kind: 'stopped' })).not.toThrow();
    expect(log.entries).toHaveLength(1);
  });
});
