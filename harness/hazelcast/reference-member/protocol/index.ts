// The reference member's protocol layer: framing, reading, declarative codecs, definitions, errors.
export * from './frames.ts';
export * from './reader.ts';
export * from './types.ts';
export * from './uuid.ts';
export * from './codec.ts';
export * from './errors.ts';
export * as defs from './definitions/index.ts';
