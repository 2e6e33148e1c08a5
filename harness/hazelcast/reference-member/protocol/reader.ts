// Turns the bytes a client sends into whole client messages: checks the 3-byte protocol header,
// cuts frames, collects them into messages (up to IS_FINAL) and stitches fragmented messages back
// together. Anything malformed is a ProtocolViolation: the caller closes that one connection.
import { FRAME_HEADER_SIZE, Flags, hasFlag, type ClientMessage, type Frame } from './frames.ts';

/** What a client must send first: the client binary protocol, version 2. */
export const PROTOCOL_HEADER = Buffer.from('CP2', 'latin1');

export type ViolationKind =
  | 'bad-protocol-header'
  | 'frame-too-short'
  | 'frame-too-large'
  | 'message-too-large'
  | 'fragment-without-begin'
  | 'too-many-fragments'
  | 'truncated';

export class ProtocolViolation extends Error {
  constructor(
    readonly kind: ViolationKind,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

export interface ReaderLimits {
  /** Largest single frame accepted, header included. */
  maxFrameBytes: number;
  /** Largest message accepted, all frames (and reassembled fragments) together. */
  maxMessageBytes: number;
  /** How many fragmented messages may be in flight at once on one connection. */
  maxOpenFragments: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxMessageBytes: 64 * 1024 * 1024,
  maxOpenFragments: 64,
};

interface OpenFragment {
  frames: Frame[];
  bytes: number;
}

export class InboundReader {
  private readonly limits: ReaderLimits;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private headerSeen: boolean;
  /** Frames of the message being read (until IS_FINAL). */
  private current: Frame[] = [];
  private currentBytes = 0;
  private readonly fragments = new Map<bigint, OpenFragment>();

  constructor(opts: { limits?: Partial<ReaderLimits>; expectHeader?: boolean } = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.headerSeen = opts.expectHeader === false;
  }

  /** Feeds received bytes; returns the messages completed by them. Throws ProtocolViolation. */
  push(chunk: Buffer): ClientMessage[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: ClientMessage[] = [];
    if (!this.headerSeen) {
      // Check each byte as soon as it arrives, so garbage is refused without waiting for more.
      const have = this.peek(Math.min(this.buffered, PROTOCOL_HEADER.length));
      if (!PROTOCOL_HEADER.subarray(0, have.length).equals(have)) {
        throw new ProtocolViolation('bad-protocol-header', `bad protocol header: expected "CP2", got ${describeBytes(have)}`);
      }
      if (this.buffered < PROTOCOL_HEADER.length) return out;
      this.take(PROTOCOL_HEADER.length);
      this.headerSeen = true;
    }
    for (;;) {
      if (this.buffered < FRAME_HEADER_SIZE) break;
      const head = this.peek(FRAME_HEADER_SIZE);
      const length = head.readInt32LE(0);
      const flags = head.readUInt16LE(4);
      if (length < FRAME_HEADER_SIZE) {
        throw new ProtocolViolation('frame-too-short', `frame length ${length} is shorter than the ${FRAME_HEADER_SIZE}-byte frame header`);
      }
      if (length > this.limits.maxFrameBytes) {
        throw new ProtocolViolation('frame-too-large', `frame length ${length} exceeds the limit of ${this.limits.maxFrameBytes} bytes`);
      }
      if (this.currentBytes + length > this.limits.maxMessageBytes) {
        throw new ProtocolViolation('message-too-large', `message exceeds the limit of ${this.limits.maxMessageBytes} bytes`);
      }
      if (this.buffered < length) break;
      const raw = this.take(length);
      const f: Frame = { flags, content: Buffer.from(raw.subarray(FRAME_HEADER_SIZE)) };
      this.current.push(f);
      this.currentBytes += length;
      if (hasFlag(flags, Flags.IS_FINAL)) {
        const message = this.current;
        this.current = [];
        this.currentBytes = 0;
        const whole = this.assemble(message);
        if (whole) out.push(whole);
      }
    }
    return out;
  }

  /** The peer closed its side: anything half-read is a truncated frame or message. */
  end(): void {
    if (!this.headerSeen && this.buffered > 0) {
      throw new ProtocolViolation('truncated', `connection closed after ${this.buffered} of ${PROTOCOL_HEADER.length} protocol header bytes`);
    }
    if (this.buffered > 0) {
      throw new ProtocolViolation('truncated', `connection closed inside a frame (${this.buffered} bytes of an incomplete frame)`);
    }
    if (this.current.length > 0) {
      throw new ProtocolViolation('truncated', `connection closed inside a message (${this.current.length} frames without IS_FINAL)`);
    }
  }

  /** True while bytes of an unfinished frame or message are held. */
  get midMessage(): boolean {
    return this.buffered > 0 || this.current.length > 0 || this.fragments.size > 0;
  }

  private assemble(message: Frame[]): ClientMessage | undefined {
    const first = message[0]!;
    if (hasFlag(first.flags, Flags.UNFRAGMENTED)) return message;
    // A fragment: its first frame holds the int64 fragmentation id, the rest is a slice of the message.
    if (first.content.length < 8) {
      throw new ProtocolViolation('frame-too-short', `fragmentation frame of ${first.content.length} bytes has no fragmentation id`);
    }
    const id = first.content.readBigInt64LE(0);
    const body = message.slice(1);
    const bodyBytes = body.reduce((n, f) => n + FRAME_HEADER_SIZE + f.content.length, 0);
    if (hasFlag(first.flags, Flags.BEGIN_FRAGMENT)) {
      if (this.fragments.size >= this.limits.maxOpenFragments) {
        throw new ProtocolViolation('too-many-fragments', `more than ${this.limits.maxOpenFragments} fragmented messages open at once`);
      }
      this.fragments.set(id, { frames: body, bytes: bodyBytes });
      return undefined;
    }
    const open = this.fragments.get(id);
    if (!open) {
      throw new ProtocolViolation('fragment-without-begin', `fragment of message ${id} arrived without its begin fragment`);
    }
    open.frames.push(...body);
    open.bytes += bodyBytes;
    if (open.bytes > this.limits.maxMessageBytes) {
      throw new ProtocolViolation('message-too-large', `fragmented message exceeds the limit of ${this.limits.maxMessageBytes} bytes`);
    }
    if (!hasFlag(first.flags, Flags.END_FRAGMENT)) return undefined;
    this.fragments.delete(id);
    return open.frames;
  }

  private peek(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    if (this.chunks[0]!.length >= n) return this.chunks[0]!.subarray(0, n);
    this.compact();
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    const out = this.peek(n);
    const head = this.chunks[0]!;
    if (head.length === n) this.chunks.shift();
    else this.chunks[0] = head.subarray(n);
    this.buffered -= n;
    return out;
  }

  private compact(): void {
    this.chunks = [Buffer.concat(this.chunks, this.buffered)];
  }
}

function describeBytes(b: Buffer): string {
  const printable = /^[\x20-\x7e]*$/.test(b.toString('latin1'));
  return printable ? JSON.stringify(b.toString('latin1')) : `0x${b.toString('hex')}`;
}
