// Java `protocol` property values (SSLContext.getInstance names) mapped to the TLS versions the
// reference member enables.
//
// What the Java side does (SunJSSE, JDK 17, as used by BasicSSLContextFactory):
// - "TLS" (and its alias "SSL") enables TLSv1.3 and TLSv1.2 by default; TLSv1 and TLSv1.1 are
//   supported but listed in jdk.tls.disabledAlgorithms of java.security since 8u291/11.0.11, so
//   they are never negotiated with default settings. SSLv3 is disabled the same way.
// - A versioned name ("TLSv1.2") selects a context whose highest version is that one. In SunJSSE
//   the versioned contexts differ in their *client* default protocols; we take the version as the
//   highest the member offers, which is what the configuration reader intends and what the
//   documentation's examples ("protocol TLSv1.2") rely on. OPEN POINT: confirm the server-side
//   set against a real container member (see the report of the config/security work).
// - TLSv1 and TLSv1.1: JDK 17 lists them in jdk.tls.disabledAlgorithms, so a member pinned to one
//   of them has no enabled protocol at all and fails every handshake ("No appropriate protocol").
//   The reference member behaves as that default JDK 17 member does (see `jdkDisabled`).
import type { SecureVersion } from 'node:tls';

export interface ProtocolRange {
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** TLSv1 / TLSv1.1 need OpenSSL security level 0 to be usable at all. */
  needsSecurityLevel0: boolean;
  /** Set when a default JDK 17 disables every version of this protocol: why every handshake fails. */
  jdkDisabled?: string;
}

const JDK_DISABLED = 'No appropriate protocol (protocol is disabled or cipher suites are inappropriate): JDK 17 disables this version in jdk.tls.disabledAlgorithms';

const RANGES: Readonly<Record<string, ProtocolRange>> = {
  TLS: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', needsSecurityLevel0: false },
  SSL: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', needsSecurityLevel0: false },
  'TLSv1.3': { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', needsSecurityLevel0: false },
  'TLSv1.2': { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', needsSecurityLevel0: false },
  'TLSv1.1': { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', needsSecurityLevel0: true, jdkDisabled: JDK_DISABLED },
  TLSv1: { minVersion: 'TLSv1', maxVersion: 'TLSv1', needsSecurityLevel0: true, jdkDisabled: JDK_DISABLED },
};

/** Supported `protocol` values, for error messages. */
export const SUPPORTED_PROTOCOLS: readonly string[] = Object.keys(RANGES);

/** The version range for a Java protocol name, or undefined if the member does not support it. */
export function protocolRange(protocol: string): ProtocolRange | undefined {
  return RANGES[protocol];
}
