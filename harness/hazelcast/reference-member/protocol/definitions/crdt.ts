// PNCounter.* and FlakeIdGenerator.* messages (hazelcast-client 5.7.0 lib/codec).
import { defineMessage } from '../codec.ts';
import { t } from '../types.ts';
import { readUuid, writeUuid } from '../uuid.ts';
import type { Uuid } from '../types.ts';

/**
 * The replica timestamps (vector clock) of PN counter messages: one frame of packed (UUID, long)
 * pairs, 17 + 8 bytes each. Carried as raw bytes; use decodeReplicaTimestamps/encodeReplicaTimestamps.
 */
export const ReplicaTimestamps = t.bytes;

const ENTRY = 17 + 8;

export function decodeReplicaTimestamps(buf: Buffer): Array<[Uuid, bigint]> {
  if (buf.length % ENTRY !== 0) throw new RangeError(`replica timestamps frame of ${buf.length} bytes`);
  const out: Array<[Uuid, bigint]> = [];
  for (let o = 0; o < buf.length; o += ENTRY) out.push([readUuid(buf, o), buf.readBigInt64LE(o + 17)]);
  return out;
}

export function encodeReplicaTimestamps(entries: ReadonlyArray<readonly [Uuid, bigint]>): Buffer {
  const buf = Buffer.alloc(entries.length * ENTRY);
  entries.forEach(([uuid, ts], i) => {
    writeUuid(buf, i * ENTRY, uuid);
    buf.writeBigInt64LE(ts, i * ENTRY + 17);
  });
  return buf;
}

export const PNCounterAdd = defineMessage({
  name: 'PNCounter.Add',
  id: 0x1d0200,
  request: { delta: t.long, getBeforeUpdate: t.boolean, targetReplicaUUID: t.uuid, name: t.string, replicaTimestamps: ReplicaTimestamps },
  response: { value: t.long, replicaCount: t.int, replicaTimestamps: ReplicaTimestamps },
});

export const PNCounterGet = defineMessage({
  name: 'PNCounter.Get',
  id: 0x1d0100,
  request: { targetReplicaUUID: t.uuid, name: t.string, replicaTimestamps: ReplicaTimestamps },
  response: { value: t.long, replicaCount: t.int, replicaTimestamps: ReplicaTimestamps },
});

export const PNCounterGetConfiguredReplicaCount = defineMessage({
  name: 'PNCounter.GetConfiguredReplicaCount',
  id: 0x1d0300,
  request: { name: t.string },
  response: { response: t.int },
});

export const FlakeIdGeneratorNewIdBatch = defineMessage({
  name: 'FlakeIdGenerator.NewIdBatch',
  id: 0x1c0100,
  request: { batchSize: t.int, name: t.string },
  response: { base: t.long, increment: t.long, batchSize: t.int },
});

