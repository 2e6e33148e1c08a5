// Nested structures shared by several messages (the protocol's "custom types").
import { t } from '../types.ts';

export const Address = t.struct('Address', { port: t.int, host: t.string });

export const MemberVersion = t.struct('MemberVersion', { major: t.byte, minor: t.byte, patch: t.byte });

/** ProtocolType ids: MEMBER 0, CLIENT 1, WAN 2, REST 3, MEMCACHE 4. */
export const EndpointQualifier = t.struct('EndpointQualifier', { type: t.int, identifier: t.nullable(t.string) });

export const MemberInfo = t.struct('MemberInfo', {
  uuid: t.uuid,
  liteMember: t.boolean,
  address: Address,
  attributes: t.entries(t.string, t.string),
  version: MemberVersion,
  addressMap: t.entries(EndpointQualifier, Address),
});

export const DistributedObjectInfo = t.struct('DistributedObjectInfo', { serviceName: t.string, name: t.string });

export const StackTraceElement = t.struct('StackTraceElement', {
  lineNumber: t.int,
  className: t.string,
  methodName: t.string,
  fileName: t.nullable(t.string),
});

export const ErrorHolder = t.struct('ErrorHolder', {
  errorCode: t.int,
  className: t.string,
  message: t.nullable(t.string),
  stackTraceElements: t.list(StackTraceElement),
});
