// UUIDs travel as a null flag byte and two int64s (most, then least significant bits), the layout
// of java.util.UUID. In TypeScript they are canonical strings.
import type { Uuid } from './types.ts';

export function writeUuid(buf: Buffer, offset: number, value: Uuid): void {
  buf.writeUInt8(value === null ? 1 : 0, offset);
  if (value === null) {
    buf.fill(0, offset + 1, offset + 17);
    return;
  }
  const hex = value.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${value}`);
  buf.writeBigUInt64LE(BigInt(`0x${hex.slice(0, 16)}`), offset + 1);
  buf.writeBigUInt64LE(BigInt(`0x${hex.slice(16)}`), offset + 9);
}

export function readUuid(buf: Buffer, offset: number): Uuid {
  if (buf.readUInt8(offset) !== 0) return null;
  const msb = buf.readBigUInt64LE(offset + 1).toString(16).padStart(16, '0');
  const lsb = buf.readBigUInt64LE(offset + 9).toString(16).padStart(16, '0');
  const hex = msb + lsb;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
