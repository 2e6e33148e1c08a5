// Error responses as the real member sends them: message type 0, then a list of error holders (the
// exception and its causes), each with the protocol error code and the Java class name. Codes are
// com.hazelcast.client.impl.protocol.ClientProtocolErrorCodes (Hazelcast 4.x/5.x numbering).
import { encodeRaw } from './codec.ts';
import type { ClientMessage } from './frames.ts';
import { t, type ValueOf } from './types.ts';
import { ErrorHolder } from './definitions/structs.ts';

export const ErrorCode = {
  UNDEFINED: 0,
  AUTHENTICATION: 3,
  HAZELCAST: 18,
  HAZELCAST_INSTANCE_NOT_ACTIVE: 19,
  ILLEGAL_ARGUMENT: 23,
  ILLEGAL_STATE: 27,
  RETRYABLE_HAZELCAST: 46,
  SECURITY: 49,
  UNSUPPORTED_OPERATION: 61,
  /** java.security.AccessControlException: permanent; the Node client has no class for it (no retry). */
  ACCESS_CONTROL: 64,
} as const;

/** Response type of an error. */
export const EXCEPTION_MESSAGE_TYPE = 0;

/** An exception to report to the client, with its cause chain. */
export class MemberError extends Error {
  /** The Java exception's message as sent (may be null, unlike Error.message). */
  readonly javaMessage: string | null;

  constructor(
    readonly code: number,
    readonly className: string,
    message: string | null,
    readonly causedBy?: MemberError,
  ) {
    super(message ?? className);
    this.name = 'MemberError';
    this.javaMessage = message;
  }
}

export const accessControlError = (message: string): MemberError =>
  new MemberError(ErrorCode.ACCESS_CONTROL, 'java.security.AccessControlException', message);

export const unsupportedOperationError = (message: string): MemberError =>
  new MemberError(ErrorCode.UNSUPPORTED_OPERATION, 'java.lang.UnsupportedOperationException', message);

export const illegalArgumentError = (message: string): MemberError =>
  new MemberError(ErrorCode.ILLEGAL_ARGUMENT, 'java.lang.IllegalArgumentException', message);

/** What the real member answers to an operation sent before authentication (then it closes). */
export const notAuthenticatedError = (message: string): MemberError =>
  new MemberError(
    ErrorCode.RETRYABLE_HAZELCAST,
    'com.hazelcast.spi.exception.RetryableHazelcastException',
    `com.hazelcast.client.AuthenticationException: ${message}`,
    new MemberError(ErrorCode.AUTHENTICATION, 'com.hazelcast.client.AuthenticationException', message),
  );

const errorFields = { errors: t.list(ErrorHolder) };

export function encodeError(correlationId: bigint, error: MemberError): ClientMessage {
  const holders: Array<ValueOf<typeof ErrorHolder>> = [];
  for (let e: MemberError | undefined = error; e; e = e.causedBy) {
    holders.push({ errorCode: e.code, className: e.className, message: e.javaMessage, stackTraceElements: [] });
  }
  return encodeRaw(errorFields, { errors: holders }, { messageType: EXCEPTION_MESSAGE_TYPE, correlationId, shape: 'response' }, 'error');
}
