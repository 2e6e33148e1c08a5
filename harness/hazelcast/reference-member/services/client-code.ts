// Code sent by clients: executor tasks and map interceptors travel as serialized objects that the
// real member deserialises and runs. This member knows exactly the classes of docs/client-code.md,
// by their IdentifiedDataSerializable identity (factory 7770); anything else is answered as the real
// member answers a class it cannot deserialise: HazelcastSerializationException
// (DataSerializableSerializer.readInternal, JavaDefaultSerializers.JavaSerializer).
//
// Data layout (HeapData, big-endian): int partition hash, int serializer type id, payload.
// IdentifiedDataSerializable payload: byte header (bit 0 = IDS, bit 1 = versioned), int factory id,
// int class id, [2 version bytes], then the object's fields (writeString = int byte length + UTF-8,
// -1 for null).
import { MemberError } from '../protocol/errors.ts';

export const CLIENT_CODE_FACTORY_ID = 7770;
export const ECHO_TASK_CLASS_ID = 1;
export const INTERCEPTOR_CLASS_ID = 2;
/** The Java class names of the adapter's objects (what the real member would load). */
export const ECHO_TASK_CLASS = 'secmatrix.adapter.EchoTask';
export const INTERCEPTOR_CLASS = 'secmatrix.adapter.SecmatrixInterceptor';

const TYPE_DATA_SERIALIZABLE = -2;
const TYPE_STRING = -11;
const TYPE_JAVA_SERIALIZABLE = -100;
const IDS_FLAG = 1;
const EE_FLAG = 2;
const HEADER = 8;

/** ClientProtocolErrorCodes.HAZELCAST_SERIALIZATION. */
const HAZELCAST_SERIALIZATION = 21;
/** ClientProtocolErrorCodes.CLASS_CAST. */
const CLASS_CAST = 10;

export const serializationError = (message: string): MemberError =>
  new MemberError(HAZELCAST_SERIALIZATION, 'com.hazelcast.nio.serialization.HazelcastSerializationException', message);

export type ClientObject = { kind: 'echo-task'; input: string | null } | { kind: 'interceptor' };

/** Deserialises a task or interceptor; throws the real member's serialization error for anything unknown. */
export function readClientObject(data: Buffer): ClientObject {
  if (data.length < HEADER) throw serializationError(`Data of ${data.length} bytes has no header`);
  const type = data.readInt32BE(4);
  if (type === TYPE_JAVA_SERIALIZABLE) {
    // ObjectOutputStream: magic, version, TC_OBJECT, TC_CLASSDESC, UTF class name.
    const name =
      data.length >= HEADER + 8 && data.readUInt8(HEADER + 5) === 0x72
        ? data.toString('utf8', HEADER + 8, HEADER + 8 + data.readUInt16BE(HEADER + 6))
        : 'unknown';
    throw serializationError(`java.lang.ClassNotFoundException: ${name}`);
  }
  if (type !== TYPE_DATA_SERIALIZABLE)
    throw serializationError(
      `There is no suitable de-serializer for type ${type}. This exception is likely caused by differences in the ` +
        'serialization configuration between members or between clients and members.',
    );
  let o = HEADER;
  const header = data.readInt8(o++);
  if ((header & IDS_FLAG) === 0) {
    const len = data.readInt32BE(o);
    const className = data.toString('utf8', o + 4, o + 4 + len);
    throw serializationError(`Problem while reading DataSerializable, namespace: 0, ID: 0, class: '${className}', exception: ${className}`);
  }
  const factoryId = data.readInt32BE(o);
  o += 4;
  if (factoryId !== CLIENT_CODE_FACTORY_ID) throw serializationError(`No DataSerializerFactory registered for namespace: ${factoryId}`);
  const classId = data.readInt32BE(o);
  o += 4;
  if ((header & EE_FLAG) !== 0) o += 2;
  if (classId === ECHO_TASK_CLASS_ID) {
    const len = data.readInt32BE(o);
    return { kind: 'echo-task', input: len < 0 ? null : data.toString('utf8', o + 4, o + 4 + len) };
  }
  if (classId === INTERCEPTOR_CLASS_ID) return { kind: 'interceptor' };
  throw serializationError(
    `secmatrix.member.ClientCodeFactory@${CLIENT_CODE_FACTORY_ID} is not be able to create an instance for ID: ${classId} on factory ID: ${factoryId}`,
  );
}

/** A String as the Java serializer writes it (StringSerializer, type -11). */
export function stringData(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(HEADER + 4 + bytes.length);
  out.writeInt32BE(0, 0);
  out.writeInt32BE(TYPE_STRING, 4);
  out.writeInt32BE(bytes.length, HEADER);
  bytes.copy(out, HEADER + 4);
  return out;
}

/** EchoTask.call(): "echo:" + input. */
export const echoResult = (input: string | null): string => `echo:${input}`;

/** Deserialises and runs a task; the result as serialized Data. */
export function runTask(data: Buffer): Buffer {
  const task = readClientObject(data);
  if (task.kind !== 'echo-task') {
    throw new MemberError(CLASS_CAST, 'java.lang.ClassCastException', `class ${INTERCEPTOR_CLASS} cannot be cast to class java.util.concurrent.Callable`);
  }
  return stringData(echoResult(task.input));
}
