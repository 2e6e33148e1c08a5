// Frames of the Hazelcast Open Binary Client Protocol 2.x: each frame is an int32 length (which
// counts the 6-byte header), uint16 flags, then content; all little-endian. A message is a run of
// frames whose last one carries IS_FINAL.

export const FRAME_HEADER_SIZE = 6;

export const Flags = {
  BEGIN_FRAGMENT: 1 << 15,
  END_FRAGMENT: 1 << 14,
  /** Both fragment flags: a message that travels in one piece. */
  UNFRAGMENTED: (1 << 15) | (1 << 14),
  IS_FINAL: 1 << 13,
  BEGIN_DATA_STRUCTURE: 1 << 12,
  END_DATA_STRUCTURE: 1 << 11,
  IS_NULL: 1 << 10,
  IS_EVENT: 1 << 9,
  BACKUP_AWARE: 1 << 8,
  BACKUP_EVENT: 1 << 7,
} as const;

/** Offsets inside the content of a message's initial frame. */
export const Offsets = {
  MESSAGE_TYPE: 0,
  CORRELATION_ID: 4,
  /** Requests and events: partition id (int32). */
  PARTITION_ID: 12,
  /** Responses: number of backup acks (uint8) in place of the partition id. */
  BACKUP_ACKS: 12,
  /** First fixed-size field of a request or event. */
  REQUEST_FIXED: 16,
  /** First fixed-size field of a response. */
  RESPONSE_FIXED: 13,
} as const;

export interface Frame {
  flags: number;
  content: Buffer;
}

/** A whole client message: its frames in order (the first is the initial frame). */
export type ClientMessage = Frame[];

export const hasFlag = (flags: number, flag: number): boolean => (flags & flag) === flag;

export function frame(content: Buffer, flags = 0): Frame {
  return { flags, content };
}

export const nullFrame = (): Frame => frame(Buffer.alloc(0), Flags.IS_NULL);
export const beginFrame = (): Frame => frame(Buffer.alloc(0), Flags.BEGIN_DATA_STRUCTURE);
export const endFrame = (): Frame => frame(Buffer.alloc(0), Flags.END_DATA_STRUCTURE);

export function messageType(message: ClientMessage): number {
  const first = message[0];
  if (!first || first.content.length < 4) return -1;
  return first.content.readInt32LE(Offsets.MESSAGE_TYPE);
}

export function correlationId(message: ClientMessage): bigint {
  const first = message[0];
  if (!first || first.content.length < 12) return -1n;
  return first.content.readBigInt64LE(Offsets.CORRELATION_ID);
}

export function partitionId(message: ClientMessage): number {
  const first = message[0];
  if (!first || first.content.length < 16) return -1;
  return first.content.readInt32LE(Offsets.PARTITION_ID);
}

/**
 * Serialises an outgoing message. The first frame gets both fragment flags (the client treats
 * anything else as a fragment) and the last frame IS_FINAL; other flags are kept.
 */
export function writeMessage(message: ClientMessage): Buffer {
  let total = 0;
  for (const f of message) total += FRAME_HEADER_SIZE + f.content.length;
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  message.forEach((f, i) => {
    let flags = f.flags;
    if (i === 0) flags |= Flags.UNFRAGMENTED;
    if (i === message.length - 1) flags |= Flags.IS_FINAL;
    out.writeInt32LE(FRAME_HEADER_SIZE + f.content.length, pos);
    out.writeUInt16LE(flags, pos + 4);
    f.content.copy(out, pos + FRAME_HEADER_SIZE);
    pos += FRAME_HEADER_SIZE + f.content.length;
  });
  return out;
}

/** Serialises frames exactly as given (no flags added): for tests and fragment writers. */
export function writeFramesRaw(frames: readonly Frame[]): Buffer {
  return Buffer.concat(
    frames.map((f) => {
      const head = Buffer.allocUnsafe(FRAME_HEADER_SIZE);
      head.writeInt32LE(FRAME_HEADER_SIZE + f.content.length, 0);
      head.writeUInt16LE(f.flags, 4);
      return Buffer.concat([head, f.content]);
    }),
  );
}
