// The vocabulary of message definitions: each field of a request, response, event or nested
// structure has one of these types. Fixed-size types live in the initial frame of the message (or
// structure); every other type occupies frames of its own, in declaration order.
//
// The `T` parameter is phantom: it only lets TypeScript infer the decoded value of a definition.

/** A UUID in its canonical text form, or null (the protocol has a null flag for UUIDs). */
export type Uuid = string | null;

export type FixedKind = 'byte' | 'boolean' | 'int' | 'long' | 'uuid';

export const FIXED_SIZES: Record<FixedKind, number> = { byte: 1, boolean: 1, int: 4, long: 8, uuid: 17 };

interface Typed<T> {
  /** Never set: carries the decoded value type. */
  readonly __value?: T;
}

export interface FixedType<T> extends Typed<T> {
  readonly kind: 'fixed';
  readonly fixed: FixedKind;
}

export type VarType<T> =
  | (Typed<T> & { readonly kind: 'string' })
  /** Serialized data (a key or value), kept as opaque bytes. */
  | (Typed<T> & { readonly kind: 'data' })
  /** A byte array in one frame. */
  | (Typed<T> & { readonly kind: 'bytes' })
  | (Typed<T> & { readonly kind: 'nullable'; readonly of: FieldType<unknown> })
  /** BEGIN frame, one encoding per item, END frame. */
  | (Typed<T> & { readonly kind: 'list'; readonly of: FieldType<unknown> })
  /** One frame of packed fixed-size items (list of int, long or UUID). */
  | (Typed<T> & { readonly kind: 'packed'; readonly of: FixedKind })
  /** BEGIN frame, key and value encodings alternating, END frame (entry lists and maps). */
  | (Typed<T> & { readonly kind: 'entries'; readonly key: FieldType<unknown>; readonly value: FieldType<unknown> })
  /** The partition table's shape: a list of packed int lists, then one packed UUID list. */
  | (Typed<T> & { readonly kind: 'uuidToIntLists' })
  /** A nested structure: BEGIN frame, initial frame of its fixed fields (if any), its var fields, END frame. */
  | (Typed<T> & { readonly kind: 'struct'; readonly name: string; readonly fields: Fields });

export type FieldType<T> = FixedType<T> | VarType<T>;

/** Fields in wire order: the object's key order is the declaration order. */
export type Fields = { readonly [name: string]: FieldType<any> };

export type ValueOf<F> = F extends FieldType<infer T> ? T : never;
export type ValuesOf<F extends Fields> = { [K in keyof F]: ValueOf<F[K]> };

const fixedOf = <T>(fixed: FixedKind): FixedType<T> => ({ kind: 'fixed', fixed });

/** Constructors for field types, e.g. `{ name: t.string, key: t.data, ttl: t.long }`. */
export const t = {
  byte: fixedOf<number>('byte'),
  boolean: fixedOf<boolean>('boolean'),
  int: fixedOf<number>('int'),
  long: fixedOf<bigint>('long'),
  uuid: fixedOf<Uuid>('uuid'),
  string: { kind: 'string' } as VarType<string>,
  data: { kind: 'data' } as VarType<Buffer>,
  bytes: { kind: 'bytes' } as VarType<Buffer>,
  nullable: <T>(of: FieldType<T>): VarType<T | null> => ({ kind: 'nullable', of }),
  list: <T>(of: FieldType<T>): VarType<T[]> => ({ kind: 'list', of }),
  listInt: { kind: 'packed', of: 'int' } as VarType<number[]>,
  listLong: { kind: 'packed', of: 'long' } as VarType<bigint[]>,
  listUuid: { kind: 'packed', of: 'uuid' } as VarType<Uuid[]>,
  entries: <K, V>(key: FieldType<K>, value: FieldType<V>): VarType<Array<[K, V]>> => ({ kind: 'entries', key, value }),
  uuidToIntLists: { kind: 'uuidToIntLists' } as VarType<Array<[Uuid, number[]]>>,
  struct: <F extends Fields>(name: string, fields: F): VarType<ValuesOf<F>> => ({ kind: 'struct', name, fields }),
};

export const isFixed = (type: FieldType<unknown>): type is FixedType<unknown> => type.kind === 'fixed';
