import { expect } from 'vitest';
import { parseMemberConfig } from '../../../harness/hazelcast/reference-member/config/parse.ts';
import { ConfigError, type MemberConfig } from '../../../harness/hazelcast/reference-member/config/model.ts';

export const NS = 'xmlns="http://www.hazelcast.com/schema/config" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.hazelcast.com/schema/config http://www.hazelcast.com/schema/config/hazelcast-config-5.5.xsd"';

export function xml(body: string, file = 'member.xml'): MemberConfig {
  return parseMemberConfig(`<?xml version="1.0" encoding="UTF-8"?>\n<hazelcast ${NS}>\n${body}\n</hazelcast>\n`, file);
}

export function yaml(body: string, file = 'member.yaml'): MemberConfig {
  return parseMemberConfig(body, file);
}

/** Asserts a ConfigError naming the file and an element path that contains `element`. */
export function expectConfigError(fn: () => unknown, file: string, element: string, why?: RegExp): ConfigError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a ConfigError').toBeInstanceOf(ConfigError);
  const err = caught as ConfigError;
  expect(err.file).toBe(file);
  expect(err.element).toContain(element);
  expect(err.message).toContain(file);
  expect(err.message).toContain(element);
  if (why) expect(err.why).toMatch(why);
  return err;
}
