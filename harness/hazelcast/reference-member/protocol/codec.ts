// The one encoder/decoder of the member: it interprets message definitions (definitions/*.ts), so no
// message has byte handling of its own. Requests are decoded, responses and events encoded.
import { Flags, Offsets, beginFrame, endFrame, frame, hasFlag, nullFrame, type ClientMessage, type Frame } from './frames.ts';
import { FIXED_SIZES, isFixed, type FieldType, type Fields, type FixedKind, type ValuesOf } from './types.ts';
import { readUuid, writeUuid } from './uuid.ts';

export interface EventDef<F extends Fields = Fields> {
  readonly name: string;
  readonly id: number;
  readonly fields: F;
}

export interface MessageDef<Req extends Fields = Fields, Res extends Fields = Fields, Ev extends Record<string, EventDef> = Record<string, EventDef>> {
  /** Service.Method, as in the protocol definitions, e.g. Map.Put. */
  readonly name: string;
  /** Request message type; the response is id + 1. */
  readonly id: number;
  readonly request: Req;
  readonly response: Res;
  readonly events: Ev;
}

export function defineMessage<Req extends Fields, Res extends Fields, Ev extends Record<string, EventDef> = {}>(def: {
  name: string;
  id: number;
  request: Req;
  response: Res;
  events?: Ev;
}): MessageDef<Req, Res, Ev> {
  return { ...def, events: def.events ?? ({} as Ev) };
}

export function defineEvent<F extends Fields>(name: string, id: number, fields: F): EventDef<F> {
  return { name, id, fields };
}

/** A request whose frames do not match its definition. */
export class MalformedMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessage';
  }
}

export interface RequestHeader {
  messageType: number;
  correlationId: bigint;
  partitionId: number;
}

// ---------------------------------------------------------------- decoding

class Cursor {
  private i = 0;
  constructor(
    private readonly frames: readonly Frame[],
    private readonly what: string,
  ) {}
  next(): Frame {
    const f = this.frames[this.i++];
    if (!f) throw new MalformedMessage(`${this.what}: message ended early (needed frame ${this.i})`);
    return f;
  }
  peek(): Frame {
    const f = this.frames[this.i];
    if (!f) throw new MalformedMessage(`${this.what}: message ended early (needed frame ${this.i + 1})`);
    return f;
  }
}

function fixedSize(fields: Fields): number {
  let n = 0;
  for (const type of Object.values(fields)) if (isFixed(type)) n += FIXED_SIZES[type.fixed];
  return n;
}

function readFixed(kind: FixedKind, buf: Buffer, offset: number): unknown {
  switch (kind) {
    case 'byte':
      return buf.readUInt8(offset);
    case 'boolean':
      return buf.readUInt8(offset) !== 0;
    case 'int':
      return buf.readInt32LE(offset);
    case 'long':
      return buf.readBigInt64LE(offset);
    case 'uuid':
      return readUuid(buf, offset);
  }
}

function writeFixed(kind: FixedKind, buf: Buffer, offset: number, value: unknown, field: string): void {
  switch (kind) {
    case 'byte':
      buf.writeUInt8(Number(value), offset);
      return;
    case 'boolean':
      buf.writeUInt8(value ? 1 : 0, offset);
      return;
    case 'int':
      buf.writeInt32LE(Number(value), offset);
      return;
    case 'long':
      buf.writeBigInt64LE(typeof value === 'bigint' ? value : BigInt(Number(value ?? 0)), offset);
      return;
    case 'uuid':
      if (value !== null && typeof value !== 'string') throw new TypeError(`${field}: expected a UUID string or null`);
      writeUuid(buf, offset, value);
      return;
  }
}

function readFixedFields(fields: Fields, content: Buffer, start: number, what: string, into: Record<string, unknown>): void {
  const need = start + fixedSize(fields);
  if (content.length < need) throw new MalformedMessage(`${what}: initial frame has ${content.length} bytes, needs ${need}`);
  let offset = start;
  for (const [name, type] of Object.entries(fields)) {
    if (!isFixed(type)) continue;
    into[name] = readFixed(type.fixed, content, offset);
    offset += FIXED_SIZES[type.fixed];
  }
}

function readVar(type: FieldType<unknown>, cur: Cursor, what: string): unknown {
  switch (type.kind) {
    case 'fixed':
      throw new Error(`${what}: fixed-size type outside an initial frame`);
    case 'string':
      return cur.next().content.toString('utf8');
    case 'data':
    case 'bytes':
      return cur.next().content;
    case 'nullable':
      if (hasFlag(cur.peek().flags, Flags.IS_NULL)) {
        cur.next();
        return null;
      }
      return readVar(type.of, cur, what);
    case 'list': {
      expectBegin(cur.next(), what);
      const items: unknown[] = [];
      while (!hasFlag(cur.peek().flags, Flags.END_DATA_STRUCTURE)) items.push(readVar(type.of, cur, what));
      cur.next();
      return items;
    }
    case 'packed': {
      const content = cur.next().content;
      const size = FIXED_SIZES[type.of];
      if (content.length % size !== 0) throw new MalformedMessage(`${what}: packed ${type.of} list of ${content.length} bytes`);
      const items: unknown[] = [];
      for (let o = 0; o < content.length; o += size) items.push(readFixed(type.of, content, o));
      return items;
    }
    case 'entries': {
      expectBegin(cur.next(), what);
      const entries: Array<[unknown, unknown]> = [];
      while (!hasFlag(cur.peek().flags, Flags.END_DATA_STRUCTURE)) {
        const k = readVar(type.key, cur, what);
        entries.push([k, readVar(type.value, cur, what)]);
      }
      cur.next();
      return entries;
    }
    case 'uuidToIntLists': {
      const lists = readVar({ kind: 'list', of: { kind: 'packed', of: 'int' } }, cur, what) as number[][];
      const uuids = readVar({ kind: 'packed', of: 'uuid' }, cur, what) as unknown[];
      if (lists.length !== uuids.length) throw new MalformedMessage(`${what}: ${uuids.length} UUIDs for ${lists.length} lists`);
      return uuids.map((u, i) => [u, lists[i]]);
    }
    case 'struct': {
      expectBegin(cur.next(), what);
      const value: Record<string, unknown> = {};
      if (Object.values(type.fields).some(isFixed)) {
        readFixedFields(type.fields, cur.next().content, 0, `${what} ${type.name}`, value);
      }
      for (const [name, ft] of Object.entries(type.fields)) {
        if (!isFixed(ft)) value[name] = readVar(ft, cur, `${what} ${type.name}.${name}`);
      }
      // Newer peers may append fields: skip to this structure's END frame.
      let depth = 1;
      while (depth > 0) {
        const f = cur.next();
        if (hasFlag(f.flags, Flags.END_DATA_STRUCTURE)) depth--;
        else if (hasFlag(f.flags, Flags.BEGIN_DATA_STRUCTURE)) depth++;
      }
      return value;
    }
  }
}

function expectBegin(f: Frame, what: string): void {
  if (!hasFlag(f.flags, Flags.BEGIN_DATA_STRUCTURE)) throw new MalformedMessage(`${what}: expected a BEGIN_DATA_STRUCTURE frame`);
}

export function readHeader(message: ClientMessage): RequestHeader {
  const first = message[0];
  if (!first || first.content.length < Offsets.REQUEST_FIXED) {
    throw new MalformedMessage(`initial frame of ${first?.content.length ?? 0} bytes is shorter than the ${Offsets.REQUEST_FIXED}-byte request header`);
  }
  return {
    messageType: first.content.readInt32LE(Offsets.MESSAGE_TYPE),
    correlationId: first.content.readBigInt64LE(Offsets.CORRELATION_ID),
    partitionId: first.content.readInt32LE(Offsets.PARTITION_ID),
  };
}

function decodeFields<F extends Fields>(fields: F, message: ClientMessage, fixedStart: number, what: string): ValuesOf<F> {
  const cur = new Cursor(message, what);
  const values: Record<string, unknown> = {};
  readFixedFields(fields, cur.next().content, fixedStart, what, values);
  try {
    for (const [name, type] of Object.entries(fields)) {
      if (!isFixed(type)) values[name] = readVar(type, cur, `${what}.${name}`);
    }
  } catch (err) {
    if (err instanceof RangeError) throw new MalformedMessage(`${what}: ${err.message}`);
    throw err;
  }
  return values as ValuesOf<F>;
}

export function decodeRequest<Req extends Fields>(def: MessageDef<Req, Fields, Record<string, EventDef>>, message: ClientMessage): ValuesOf<Req> {
  return decodeFields(def.request, message, Offsets.REQUEST_FIXED, def.name);
}

/** Decodes a response (the client's side; used by tests and probes). */
export function decodeResponse<Res extends Fields>(def: MessageDef<Fields, Res, Record<string, EventDef>>, message: ClientMessage): ValuesOf<Res> {
  return decodeFields(def.response, message, Offsets.RESPONSE_FIXED, `${def.name} response`);
}

/** Decodes an event (the client's side; used by tests and probes). */
export function decodeEvent<F extends Fields>(def: EventDef<F>, message: ClientMessage): ValuesOf<F> {
  return decodeFields(def.fields, message, Offsets.REQUEST_FIXED, `${def.name} event`);
}

// ---------------------------------------------------------------- encoding

function writeVar(type: FieldType<unknown>, value: unknown, out: Frame[], what: string): void {
  switch (type.kind) {
    case 'fixed':
      throw new Error(`${what}: fixed-size type outside an initial frame`);
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`${what}: expected a string`);
      out.push(frame(Buffer.from(value, 'utf8')));
      return;
    case 'data':
    case 'bytes':
      if (!Buffer.isBuffer(value)) throw new TypeError(`${what}: expected a Buffer`);
      out.push(frame(value));
      return;
    case 'nullable':
      if (value === null || value === undefined) out.push(nullFrame());
      else writeVar(type.of, value, out, what);
      return;
    case 'list':
      if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array`);
      out.push(beginFrame());
      for (const item of value) writeVar(type.of, item, out, what);
      out.push(endFrame());
      return;
    case 'packed': {
      if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array`);
      const size = FIXED_SIZES[type.of];
      const content = Buffer.alloc(value.length * size);
      value.forEach((item, i) => writeFixed(type.of, content, i * size, item, what));
      out.push(frame(content));
      return;
    }
    case 'entries':
      if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array of [key, value]`);
      out.push(beginFrame());
      for (const [k, v] of value as Array<[unknown, unknown]>) {
        writeVar(type.key, k, out, what);
        writeVar(type.value, v, out, what);
      }
      out.push(endFrame());
      return;
    case 'uuidToIntLists': {
      const entries = value as Array<[unknown, number[]]>;
      writeVar({ kind: 'list', of: { kind: 'packed', of: 'int' } }, entries.map((e) => e[1]), out, what);
      writeVar({ kind: 'packed', of: 'uuid' }, entries.map((e) => e[0]), out, what);
      return;
    }
    case 'struct': {
      const v = value as Record<string, unknown>;
      out.push(beginFrame());
      if (Object.values(type.fields).some(isFixed)) {
        const content = Buffer.alloc(fixedSize(type.fields));
        writeFixedFields(type.fields, v, content, 0, `${what}.${type.name}`);
        out.push(frame(content));
      }
      for (const [name, ft] of Object.entries(type.fields)) {
        if (!isFixed(ft)) writeVar(ft, v[name], out, `${what}.${type.name}.${name}`);
      }
      out.push(endFrame());
      return;
    }
  }
}

function writeFixedFields(fields: Fields, values: Record<string, unknown>, content: Buffer, start: number, what: string): void {
  let offset = start;
  for (const [name, type] of Object.entries(fields)) {
    if (!isFixed(type)) continue;
    writeFixed(type.fixed, content, offset, values[name], `${what}.${name}`);
    offset += FIXED_SIZES[type.fixed];
  }
}

interface EncodeTarget {
  messageType: number;
  correlationId: bigint;
  /** Responses: backup acks byte then fixed fields at 13. Requests/events: partition id then fixed at 16. */
  shape: 'response' | 'request';
  partitionId?: number;
  flags?: number;
}

function encodeFields(fields: Fields, values: Record<string, unknown>, target: EncodeTarget, what: string): ClientMessage {
  const start = target.shape === 'response' ? Offsets.RESPONSE_FIXED : Offsets.REQUEST_FIXED;
  const content = Buffer.alloc(start + fixedSize(fields));
  content.writeInt32LE(target.messageType, Offsets.MESSAGE_TYPE);
  content.writeBigInt64LE(target.correlationId, Offsets.CORRELATION_ID);
  if (target.shape === 'response') content.writeUInt8(0, Offsets.BACKUP_ACKS);
  else content.writeInt32LE(target.partitionId ?? -1, Offsets.PARTITION_ID);
  writeFixedFields(fields, values, content, start, what);
  const out: Frame[] = [frame(content, target.flags ?? 0)];
  for (const [name, type] of Object.entries(fields)) {
    if (!isFixed(type)) writeVar(type, values[name], out, `${what}.${name}`);
  }
  return out;
}

export function encodeResponse<Res extends Fields>(
  def: MessageDef<Fields, Res, Record<string, EventDef>>,
  correlationId: bigint,
  values: ValuesOf<Res>,
): ClientMessage {
  return encodeFields(def.response, values as Record<string, unknown>, { messageType: def.id + 1, correlationId, shape: 'response' }, `${def.name} response`);
}

export function encodeEvent<F extends Fields>(def: EventDef<F>, correlationId: bigint, values: ValuesOf<F>, partitionId = -1): ClientMessage {
  return encodeFields(def.fields, values as Record<string, unknown>, {
    messageType: def.id,
    correlationId,
    shape: 'request',
    partitionId,
    flags: Flags.IS_EVENT,
  }, `${def.name} event`);
}

/** Encodes a request (the client's side; used by tests and probes). */
export function encodeRequest<Req extends Fields>(
  def: MessageDef<Req, Fields, Record<string, EventDef>>,
  correlationId: bigint,
  values: ValuesOf<Req>,
  partitionId = -1,
): ClientMessage {
  return encodeFields(def.request, values as Record<string, unknown>, { messageType: def.id, correlationId, shape: 'request', partitionId }, def.name);
}

/** Encodes a message of a fixed type with the given fields and header shape (error responses). */
export function encodeRaw(fields: Fields, values: Record<string, unknown>, target: EncodeTarget, what: string): ClientMessage {
  return encodeFields(fields, values, target, what);
}
