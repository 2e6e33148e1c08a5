// The client code the reference member knows (docs/client-code.md): the byte layout of the
// IdentifiedDataSerializable EchoTask and interceptor as the Java client writes them, the task's
// result, and the real member's HazelcastSerializationException for anything else.
import { describe, expect, it } from 'vitest';
import { MemberError } from '../../../harness/hazelcast/reference-member/protocol/errors.ts';
import { readClientObject, runTask, stringData } from '../../../harness/hazelcast/reference-member/services/client-code.ts';

/** HeapData of an IdentifiedDataSerializable: hash, type -2, header, factory, class, fields. */
function ids(factoryId: number, classId: number, fields: Buffer = Buffer.alloc(0), header = 1): Buffer {
  const head = Buffer.alloc(8 + 1 + 8);
  head.writeInt32BE(0, 0);
  head.writeInt32BE(-2, 4);
  head.writeInt8(header, 8);
  head.writeInt32BE(factoryId, 9);
  head.writeInt32BE(classId, 13);
  return Buffer.concat([head, fields]);
}

function javaString(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeInt32BE(b.length, 0);
  return Buffer.concat([len, b]);
}

function thrown(fn: () => unknown): MemberError {
  try {
    fn();
  } catch (e) {
    return e as MemberError;
  }
  throw new Error('expected an error');
}

describe('client code', () => {
  it('EchoTask (7770/1) runs: "echo:" + input, as a Java String', () => {
    expect(readClientObject(ids(7770, 1, javaString('héllo')))).toEqual({ kind: 'echo-task', input: 'héllo' });
    expect(runTask(ids(7770, 1, javaString('x')))).toEqual(stringData('echo:x'));
    expect(stringData('ab')).toEqual(Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xf5, 0, 0, 0, 2, 0x61, 0x62]));
  });

  it('a versioned header skips the two version bytes', () => {
    expect(readClientObject(ids(7770, 1, Buffer.concat([Buffer.from([5, 7]), javaString('v')]), 3))).toEqual({ kind: 'echo-task', input: 'v' });
  });

  it('the interceptor (7770/2) is known but is no task', () => {
    expect(readClientObject(ids(7770, 2))).toEqual({ kind: 'interceptor' });
    expect(thrown(() => runTask(ids(7770, 2))).className).toBe('java.lang.ClassCastException');
  });

  it('an unknown factory, class id or Java-serialized class: HazelcastSerializationException', () => {
    const noFactory = thrown(() => readClientObject(ids(7771, 1)));
    expect(noFactory).toMatchObject({ code: 21, className: 'com.hazelcast.nio.serialization.HazelcastSerializationException' });
    expect(noFactory.javaMessage).toBe('No DataSerializerFactory registered for namespace: 7771');
    expect(thrown(() => readClientObject(ids(7770, 99))).javaMessage).toMatch(/is not be able to create an instance for ID: 99 on factory ID: 7770$/);
    // ObjectOutputStream: AC ED 00 05, TC_OBJECT 73, TC_CLASSDESC 72, UTF class name.
    const name = Buffer.from('com.example.Task');
    const java = Buffer.concat([Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0x9c, 0xac, 0xed, 0, 5, 0x73, 0x72, 0, name.length]), name]);
    expect(thrown(() => readClientObject(java)).javaMessage).toBe('java.lang.ClassNotFoundException: com.example.Task');
  });
});
