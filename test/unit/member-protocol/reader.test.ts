// The inbound reader: protocol header, frame cutting across chunk boundaries, message assembly,
// fragment reassembly, and refusal of malformed input.
import { describe, expect, test } from 'vitest';
import { InboundReader, ProtocolViolation } from '../../../harness/hazelcast/reference-member/protocol/reader.ts';
import { le32, le64, str, u16, wireFrame } from './bytes.ts';

const FINAL = 0x2000;
const UNFRAG = 0xc000;
const BEGIN_FRAG = 0x8000;
const END_FRAG = 0x4000;

/** A minimal request: initial frame (type, correlation id, partition id) + one string frame. */
const request = (type: number, corr: bigint, text: string) =>
  Buffer.concat([wireFrame(UNFRAG, le32(type), le64(corr), le32(-1)), wireFrame(FINAL, str(text))]);

function violation(fn: () => void): ProtocolViolation {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtocolViolation) return err;
    throw err;
  }
  throw new Error('expected a ProtocolViolation');
}

describe('protocol header', () => {
  test('CP2 then a message is accepted', () => {
    const r = new InboundReader();
    const out = r.push(Buffer.concat([str('CP2'), request(0x0b00, 1n, 'x')]));
    expect(out).toHaveLength(1);
    expect(out[0]![0]!.content.readInt32LE(0)).toBe(0x0b00);
  });

  test('a wrong header is refused as soon as its first wrong byte arrives', () => {
    const r = new InboundReader();
    expect(violation(() => r.push(str('H'))).kind).toBe('bad-protocol-header');
  });

  test('the member protocol header HZC is refused', () => {
    expect(violation(() => new InboundReader().push(str('HZC'))).message).toContain('"HZC"');
  });

  test('binary garbage is refused and described in hex', () => {
    const v = violation(() => new InboundReader().push(Buffer.from([0x16, 0x03, 0x01])));
    expect(v.kind).toBe('bad-protocol-header');
    expect(v.message).toContain('0x160301');
  });

  test('header split over chunks is accepted', () => {
    const r = new InboundReader();
    expect(r.push(str('C'))).toEqual([]);
    expect(r.push(str('P'))).toEqual([]);
    expect(r.push(Buffer.concat([str('2'), request(1, 2n, 'y')]))).toHaveLength(1);
  });
});

describe('frames and messages', () => {
  test('a message delivered one byte at a time is assembled once', () => {
    const r = new InboundReader();
    const bytes = Buffer.concat([str('CP2'), request(0x10100, 42n, 'orders'), request(0x10200, 43n, 'x')]);
    const got = [];
    for (const b of bytes) got.push(...r.push(Buffer.from([b])));
    expect(got).toHaveLength(2);
    expect(got[0]![0]!.content.readBigInt64LE(4)).toBe(42n);
    expect(got[0]![1]!.content.toString()).toBe('orders');
    expect(got[1]![0]!.content.readBigInt64LE(4)).toBe(43n);
  });

  test('frames keep their flags', () => {
    const r = new InboundReader({ expectHeader: false });
    const [m] = r.push(Buffer.concat([wireFrame(UNFRAG, le32(1), le64(1n), le32(0)), wireFrame(0x1000), wireFrame(0x0800), wireFrame(0x0400 | FINAL)]));
    expect(m!.map((f) => f.flags)).toEqual([UNFRAG, 0x1000, 0x0800, 0x0400 | FINAL]);
  });

  test('a frame length below the 6-byte header is refused', () => {
    const r = new InboundReader({ expectHeader: false });
    expect(violation(() => r.push(Buffer.concat([le32(5), u16(FINAL)]))).kind).toBe('frame-too-short');
  });

  test('a negative frame length is refused', () => {
    const r = new InboundReader({ expectHeader: false });
    expect(violation(() => r.push(Buffer.concat([le32(-1), u16(FINAL)]))).kind).toBe('frame-too-short');
  });

  test('an oversized frame is refused from its header alone', () => {
    const r = new InboundReader({ expectHeader: false, limits: { maxFrameBytes: 1024 } });
    const v = violation(() => r.push(Buffer.concat([le32(1025), u16(FINAL)])));
    expect(v.kind).toBe('frame-too-large');
  });

  test('a message larger than the message limit is refused', () => {
    const r = new InboundReader({ expectHeader: false, limits: { maxMessageBytes: 100 } });
    const v = violation(() => r.push(Buffer.concat([wireFrame(UNFRAG, Buffer.alloc(60)), wireFrame(0, Buffer.alloc(60))])));
    expect(v.kind).toBe('message-too-large');
  });

  test('end of input inside a frame is a truncated frame', () => {
    const r = new InboundReader();
    r.push(Buffer.concat([str('CP2'), request(1, 1n, 'abc').subarray(0, 10)]));
    expect(violation(() => r.end()).kind).toBe('truncated');
  });

  test('end of input inside a message (no IS_FINAL yet) is truncated', () => {
    const r = new InboundReader({ expectHeader: false });
    r.push(wireFrame(UNFRAG, le32(1), le64(1n), le32(0)));
    expect(violation(() => r.end()).message).toContain('without IS_FINAL');
  });

  test('end of input inside the protocol header is truncated', () => {
    const r = new InboundReader();
    r.push(str('CP'));
    expect(violation(() => r.end()).kind).toBe('truncated');
  });

  test('end of input between messages is fine', () => {
    const r = new InboundReader();
    r.push(Buffer.concat([str('CP2'), request(1, 1n, 'a')]));
    expect(() => r.end()).not.toThrow();
  });
});

describe('fragment reassembly', () => {
  // Fragment = fragmentation frame (int64 id, BEGIN/END fragment flags) + a slice of the message's frames.
  const fragment = (flags: number, id: bigint, ...frames: Buffer[]) => {
    const body = Buffer.concat(frames);
    // IS_FINAL sits on the last frame of each fragment.
    const last = body.length - body.readInt32LE(lastFrameOffset(body));
    body.writeUInt16LE(body.readUInt16LE(last + 4) | FINAL, last + 4);
    return Buffer.concat([wireFrame(flags, le64(id)), body]);
  };
  function lastFrameOffset(buf: Buffer): number {
    let pos = 0;
    let last = 0;
    while (pos < buf.length) {
      last = pos;
      pos += buf.readInt32LE(pos);
    }
    return last;
  }
  const initial = (corr: bigint) => wireFrame(0, le32(0x10100), le64(corr), le32(3));

  test('begin, middle and end fragments become one message', () => {
    const r = new InboundReader({ expectHeader: false });
    expect(r.push(fragment(BEGIN_FRAG, 9n, initial(5n), wireFrame(0, str('a'))))).toEqual([]);
    expect(r.push(fragment(0, 9n, wireFrame(0, str('b'))))).toEqual([]);
    const [m] = r.push(fragment(END_FRAG, 9n, wireFrame(0, str('c'))));
    expect(m).toHaveLength(4);
    expect(m![0]!.content.readBigInt64LE(4)).toBe(5n);
    expect(m!.slice(1).map((f) => f.content.toString())).toEqual(['a', 'b', 'c']);
  });

  test('interleaved fragmented messages and whole messages are kept apart', () => {
    const r = new InboundReader({ expectHeader: false });
    const out = [
      ...r.push(fragment(BEGIN_FRAG, 1n, initial(1n), wireFrame(0, str('1a')))),
      ...r.push(fragment(BEGIN_FRAG, 2n, initial(2n), wireFrame(0, str('2a')))),
      ...r.push(request(0x0b00, 3n, 'whole')),
      ...r.push(fragment(END_FRAG, 2n, wireFrame(0, str('2b')))),
      ...r.push(fragment(END_FRAG, 1n, wireFrame(0, str('1b')))),
    ];
    expect(out.map((m) => m[0]!.content.readBigInt64LE(4))).toEqual([3n, 2n, 1n]);
    expect(out[1]!.slice(1).map((f) => f.content.toString())).toEqual(['2a', '2b']);
  });

  test('a fragment without its begin is refused', () => {
    const r = new InboundReader({ expectHeader: false });
    expect(violation(() => r.push(fragment(END_FRAG, 4n, wireFrame(0, str('x'))))).kind).toBe('fragment-without-begin');
  });

  test('a fragmentation frame without an id is refused', () => {
    const r = new InboundReader({ expectHeader: false });
    expect(violation(() => r.push(Buffer.concat([wireFrame(BEGIN_FRAG, Buffer.alloc(3)), wireFrame(FINAL, str('x'))]))).kind).toBe('frame-too-short');
  });

  test('too many open fragmented messages are refused', () => {
    const r = new InboundReader({ expectHeader: false, limits: { maxOpenFragments: 2 } });
    r.push(fragment(BEGIN_FRAG, 1n, initial(1n)));
    r.push(fragment(BEGIN_FRAG, 2n, initial(2n)));
    expect(violation(() => r.push(fragment(BEGIN_FRAG, 3n, initial(3n)))).kind).toBe('too-many-fragments');
  });

  test('reassembled messages are bounded by the message limit', () => {
    const r = new InboundReader({ expectHeader: false, limits: { maxMessageBytes: 200 } });
    r.push(fragment(BEGIN_FRAG, 1n, initial(1n), wireFrame(0, Buffer.alloc(100))));
    expect(violation(() => r.push(fragment(0, 1n, wireFrame(0, Buffer.alloc(100))))).kind).toBe('message-too-large');
  });
});
