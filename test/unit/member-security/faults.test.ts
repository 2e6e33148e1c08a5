// The member's fault hooks do what their catalogue entries say, and nothing when no fault is on.
import { afterEach, describe, expect, it } from 'vitest';
import { setActiveFault } from '../../../harness/hazelcast/reference-member/faults.ts';
import { principalMatches, wildcardMatches } from '../../../harness/hazelcast/reference-member/security/name-match.ts';
import { addressMatches } from '../../../harness/hazelcast/reference-member/security/address-match.ts';
import { protocolRange } from '../../../harness/hazelcast/reference-member/tls/protocols.ts';
import { cipherOptions } from '../../../harness/hazelcast/reference-member/tls/options.ts';

afterEach(() => setActiveFault(undefined));

describe('member fault hooks', () => {
  it('wildcard-dot-any-char / name-matched-as-prefix', () => {
    expect(wildcardMatches('com.foo.*', 'comXfoo.bar')).toBe(false);
    expect(wildcardMatches('orders', 'orders-archive')).toBe(false);
    setActiveFault('wildcard-dot-any-char');
    expect(wildcardMatches('com.foo.*', 'comXfoo.bar')).toBe(true);
    setActiveFault('name-matched-as-prefix');
    expect(wildcardMatches('orders', 'orders-archive')).toBe(true);
  });

  it('principal-case-insensitive / principal-list-trimmed', () => {
    expect(principalMatches('DEV', 'dev')).toBe(false);
    expect(principalMatches(' dev', 'dev')).toBe(false);
    setActiveFault('principal-case-insensitive');
    expect(principalMatches('DEV', 'dev')).toBe(true);
    setActiveFault('principal-list-trimmed');
    expect(principalMatches(' dev', 'dev')).toBe(true);
  });

  it('endpoint-range-off-by-one / endpoint-matched-as-prefix', () => {
    expect(addressMatches('127.0.0.1', '127.0.0.2-100')).toBe(false);
    expect(addressMatches('127.0.0.1', '127.0.0.10')).toBe(false);
    setActiveFault('endpoint-range-off-by-one');
    expect(addressMatches('127.0.0.1', '127.0.0.2-100')).toBe(true);
    expect(addressMatches('127.0.0.1', '127.0.0.0-0')).toBe(true);
    setActiveFault('endpoint-matched-as-prefix');
    expect(addressMatches('127.0.0.1', '127.0.0.10')).toBe(true);
  });

  it('protocol-pin-ignored / jdk-disabled-protocols-enabled', () => {
    expect(protocolRange('TLSv1.2')).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(protocolRange('TLSv1')?.jdkDisabled).toBeDefined();
    setActiveFault('protocol-pin-ignored');
    expect(protocolRange('TLSv1.2')).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });
    setActiveFault('jdk-disabled-protocols-enabled');
    expect(protocolRange('TLSv1')?.jdkDisabled).toBeUndefined();
  });

  it('cipher-list-ignored', () => {
    const range = protocolRange('TLSv1.2')!;
    expect(cipherOptions(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], range)?.ciphers).toBe('ECDHE-RSA-AES128-GCM-SHA256');
    setActiveFault('cipher-list-ignored');
    expect(cipherOptions(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], range)?.ciphers).toBeUndefined();
  });
});
