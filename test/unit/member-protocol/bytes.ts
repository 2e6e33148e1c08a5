// Hand-written byte builders for protocol tests: each frame spelled out as length, flags, content.
export const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
export const le64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(n);
  return b;
};
export const u8 = (n: number) => Buffer.from([n]);
export const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
/** A UUID field: null flag 0, then most and least significant bits as little-endian int64. */
export const uuidBytes = (msb: bigint, lsb: bigint) => Buffer.concat([u8(0), le64(msb), le64(lsb)]);
export const nullUuid = () => Buffer.concat([u8(1), Buffer.alloc(16)]);

/** One frame on the wire: int32 length (header included), uint16 flags, content. */
export const wireFrame = (flags: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([le32(body.length + 6), u16(flags), body]);
};
export const str = (s: string) => Buffer.from(s, 'utf8');
