// Format-neutral builders shared by the XML and YAML readers: each takes values already pulled out
// of the file and checks them the way the reference member needs, failing with a ConfigError that
// names the file and the element path.
import { isValidEndpointPattern } from '../security/address-match.ts';
import { mapCipherSuite, splitCipherSuites, KNOWN_CIPHER_SUITES } from '../tls/cipher-suites.ts';
import { protocolRange, SUPPORTED_PROTOCOLS } from '../tls/protocols.ts';
import { cipherOptions } from '../tls/options.ts';
import {
  ConfigError,
  KRB5_LOGIN_MODULE,
  type MemberConfig,
  type MutualAuthentication,
  type PermissionConfig,
  type RealmConfig,
  type SecurityConfig,
  type SslConfig,
} from './model.ts';
import type { PermissionType } from './permission-types.ts';
import { ldapOptionsProblem } from '../security/ldap.ts';
import { kerberosOptionsProblem } from '../security/kerberos.ts';

export const BASIC_SSL_FACTORY = 'com.hazelcast.nio.ssl.BasicSSLContextFactory';

export class Ctx {
  constructor(readonly file: string) {}

  fail(path: string, why: string): never {
    throw new ConfigError(this.file, path, why);
  }

  unsupported(path: string, hint?: string): never {
    this.fail(path, `not supported by the reference member${hint ? ` (${hint})` : ''}`);
  }

  /** Every configured string passes here: `${...}` placeholders are not resolved by this member. */
  text(path: string, value: string): string {
    if (value.includes('${')) {
      this.fail(path, `variable placeholders ("${value}") are not supported by the reference member; render the final value into the file`);
    }
    return value;
  }

  bool(path: string, value: string | boolean): boolean {
    if (typeof value === 'boolean') return value;
    const v = this.text(path, value).trim();
    if (v === 'true') return true;
    if (v === 'false') return false;
    this.fail(path, `expected true or false, got "${value}"`);
  }

  int(path: string, value: string | number, min: number, max: number): number {
    const text = typeof value === 'number' ? String(value) : this.text(path, value).trim();
    if (!/^-?\d+$/.test(text)) this.fail(path, `expected an integer, got "${value}"`);
    const n = Number(text);
    if (n < min || n > max) this.fail(path, `expected an integer from ${min} to ${max}, got ${n}`);
    return n;
  }
}

export const DEFAULT_CLUSTER_NAME = 'dev';
export const DEFAULT_PORT = 5701;
export const DEFAULT_PORT_COUNT = 100;

export function emptySecurity(): SecurityConfig {
  return {
    enabled: false,
    realms: new Map(),
    memberAuthenticationRealm: undefined,
    clientAuthenticationRealm: undefined,
    onJoinOperation: 'RECEIVE',
    clientPermissions: [],
    priorityGrant: false,
    clientBlockUnmappedActions: true,
  };
}

// ---- ssl ----------------------------------------------------------------------------------------

/**
 * SSL properties BasicSSLContextFactory reads (SSLEngineFactorySupport.load and the cipher-suite /
 * mutual-authentication handling). Each may also be written with the `javax.net.ssl.` prefix; the
 * plain name wins when both are present, as in SSLEngineFactorySupport.getProperty.
 */
const SSL_PROPERTIES = new Set([
  'keyStore',
  'keyStorePassword',
  'keyStoreType',
  'trustStore',
  'trustStorePassword',
  'trustStoreType',
  'protocol',
  'ciphersuites',
  'mutualAuthentication',
  'keyManagerAlgorithm',
  'trustManagerAlgorithm',
  'keyMaterialDuration',
  'validateIdentity',
]);
const JAVAX_PREFIX = 'javax.net.ssl.';

export function buildSsl(
  ctx: Ctx,
  path: string,
  enabled: boolean,
  factoryClassName: string | undefined,
  properties: ReadonlyArray<readonly [string, string]>,
): SslConfig | undefined {
  const props = new Map<string, string>();
  for (const [rawName, rawValue] of properties) {
    const propPath = `${path}/properties/${rawName}`;
    const name = rawName.startsWith(JAVAX_PREFIX) ? rawName.substring(JAVAX_PREFIX.length) : rawName;
    if (!SSL_PROPERTIES.has(name)) {
      ctx.unsupported(propPath, `BasicSSLContextFactory has no property "${rawName}"`);
    }
    const value = ctx.text(propPath, rawValue);
    // The un-prefixed name takes precedence over the javax.net.ssl. one.
    if (rawName === name || !props.has(name)) props.set(name, value.trim());
  }
  if (!enabled) return undefined;

  if (factoryClassName !== undefined && factoryClassName.trim() !== BASIC_SSL_FACTORY) {
    ctx.unsupported(`${path}/factory-class-name`, `only ${BASIC_SSL_FACTORY} (or no factory-class-name) is supported, got ${factoryClassName.trim()}`);
  }
  const get = (n: string): string | undefined => props.get(n);
  const propPath = (n: string): string => `${path}/properties/${n}`;

  for (const [n, allowed] of [
    ['keyManagerAlgorithm', ['SunX509', 'PKIX', 'NewSunX509']],
    ['trustManagerAlgorithm', ['PKIX', 'SunX509']],
  ] as const) {
    const v = get(n);
    if (v !== undefined && !(allowed as readonly string[]).includes(v)) {
      ctx.unsupported(propPath(n), `only the JDK default algorithms ${allowed.join(', ')} are supported, got "${v}"`);
    }
  }
  const validateIdentity = get('validateIdentity');
  if (validateIdentity !== undefined) ctx.bool(propPath('validateIdentity'), validateIdentity);

  const keyStore = get('keyStore');
  if (keyStore === undefined || keyStore === '') {
    ctx.fail(propPath('keyStore'), 'TLS is enabled but no keyStore is configured; the member needs a key and certificate');
  }
  const storeType = (n: 'keyStoreType' | 'trustStoreType'): string => {
    const v = get(n) ?? 'JKS';
    // JDK 9+ loads PKCS#12 files through the JKS type as well (keystore.type.compat); a real JKS
    // file is refused when the TLS options are built.
    if (!['PKCS12', 'JKS'].includes(v.toUpperCase())) {
      ctx.unsupported(propPath(n), `only PKCS12 key stores are supported (JKS as a name for a PKCS#12 file), got "${v}"`);
    }
    return v;
  };

  const protocol = get('protocol') ?? 'TLS';
  if (!protocolRange(protocol)) {
    ctx.unsupported(propPath('protocol'), `protocol "${protocol}"; supported: ${SUPPORTED_PROTOCOLS.join(', ')}`);
  }

  let cipherSuites: string[] | undefined;
  const cs = get('ciphersuites');
  if (cs !== undefined) {
    cipherSuites = splitCipherSuites(cs);
    if (cipherSuites.length === 0) ctx.fail(propPath('ciphersuites'), 'empty cipher suite list');
    for (const suite of cipherSuites) {
      if (!mapCipherSuite(suite)) {
        ctx.unsupported(propPath('ciphersuites'), `unknown cipher suite "${suite}"; known: ${KNOWN_CIPHER_SUITES.join(', ')}`);
      }
    }
  }

  if (cipherSuites !== undefined && !cipherOptions(cipherSuites, protocolRange(protocol)!)) {
    ctx.fail(propPath('ciphersuites'), `no configured cipher suite can be used with protocol ${protocol}; every handshake would fail`);
  }

  let mutualAuthentication: MutualAuthentication | undefined;
  const ma = get('mutualAuthentication');
  if (ma !== undefined) {
    if (ma !== 'REQUIRED' && ma !== 'OPTIONAL') {
      ctx.fail(propPath('mutualAuthentication'), `expected REQUIRED or OPTIONAL, got "${ma}"`);
    }
    mutualAuthentication = ma;
  }
  const trustStore = get('trustStore');
  if (mutualAuthentication !== undefined && (trustStore === undefined || trustStore === '')) {
    ctx.fail(propPath('trustStore'), `mutualAuthentication is ${mutualAuthentication} but no trustStore is configured to verify client certificates`);
  }

  return {
    factoryClassName: factoryClassName?.trim(),
    keyStore,
    keyStorePassword: get('keyStorePassword'),
    keyStoreType: storeType('keyStoreType'),
    trustStore: trustStore === '' ? undefined : trustStore,
    trustStorePassword: get('trustStorePassword'),
    trustStoreType: storeType('trustStoreType'),
    protocol,
    cipherSuites,
    mutualAuthentication,
  };
}

// ---- permissions --------------------------------------------------------------------------------

export interface RawPermission {
  name?: string | undefined;
  principal?: string | undefined;
  deny?: string | boolean | undefined;
  endpoints?: string[] | undefined;
  /** undefined: no actions element at all. */
  actions?: string[] | undefined;
}

export function buildPermission(ctx: Ctx, path: string, type: PermissionType, raw: RawPermission): PermissionConfig {
  if (raw.name !== undefined && !type.named && !type.nameRequired) {
    ctx.fail(`${path}/name`, `${type.element} takes no name`);
  }
  if (raw.name === undefined && type.nameRequired) {
    ctx.fail(`${path}/name`, `${type.element} requires a name (the Hazelcast schema makes it mandatory)`);
  }
  const name = raw.name === undefined ? '*' : ctx.text(`${path}/name`, raw.name);
  if (raw.name !== undefined && name === '' && type.named) ctx.fail(`${path}/name`, 'permission name must not be empty');

  const principal = raw.principal === undefined ? '*' : ctx.text(`${path}/principal`, raw.principal);
  const deny = raw.deny === undefined ? false : ctx.bool(`${path}/deny`, raw.deny);

  const endpoints = (raw.endpoints ?? []).map((e) => {
    const ep = ctx.text(`${path}/endpoints`, e).trim();
    if (!isValidEndpointPattern(ep)) {
      ctx.fail(`${path}/endpoints`, `malformed endpoint pattern "${e}" (expected IPv4 like 10.10.*.* or 192.168.1.1-100, or IPv6)`);
    }
    return ep;
  });

  let actions: string[] = [];
  if (type.actions === undefined) {
    if (raw.actions !== undefined) ctx.fail(`${path}/actions`, `${type.element} takes no actions`);
  } else {
    if (raw.actions === undefined || raw.actions.length === 0) {
      ctx.fail(`${path}/actions`, `${type.element} needs at least one action (one of ${type.actions.join(', ')})`);
    }
    actions = raw.actions.map((a) => {
      const action = ctx.text(`${path}/actions`, a).trim();
      if (!type.actions!.includes(action)) {
        ctx.fail(`${path}/actions`, `unknown action "${action}" for ${type.element}; valid: ${type.actions!.join(', ')}`);
      }
      return action;
    });
  }
  return { element: type.element, type: type.type, name, principal, endpoints, actions, deny };
}

export function onJoinOperation(ctx: Ctx, path: string, value: string): SecurityConfig['onJoinOperation'] {
  const v = ctx.text(path, value).trim();
  if (v === 'RECEIVE' || v === 'SEND' || v === 'NONE') return v;
  ctx.fail(path, `expected RECEIVE, SEND or NONE, got "${value}"`);
}

export function tokenValue(ctx: Ctx, path: string, encoding: string | undefined, value: string): RealmIdentityToken {
  const enc = encoding === undefined ? 'none' : ctx.text(`${path}/encoding`, encoding).trim();
  const text = ctx.text(path, value).trim();
  if (enc === 'none') return { kind: 'token', encoding: 'none', value: Buffer.from(text, 'latin1') };
  if (enc === 'base64') {
    if (!/^[A-Za-z0-9+/\s]*={0,2}$/.test(text)) ctx.fail(path, 'token is not valid base64');
    return { kind: 'token', encoding: 'base64', value: Buffer.from(text, 'base64') };
  }
  ctx.fail(`${path}/encoding`, `expected none or base64, got "${encoding}"`);
}
type RealmIdentityToken = Extract<NonNullable<RealmConfig['identity']>, { kind: 'token' }>;

// ---- whole-config checks ------------------------------------------------------------------------

/**
 * The acceptor (principal + keytab) of a kerberos authentication: the simplified form's
 * principal + keytab-file, or the Krb5LoginModule properties of the realm security-realm names
 * (hazelcast-security-realms.txt, krb5Acceptor: useKeyTab, storeKey, principal, keyTab). A string
 * says why the named realm cannot serve; undefined = neither form given.
 */
function krb5Acceptor(o: Record<string, string>, realms: Map<string, RealmConfig>): { principal: string; keytabFile: string; from: string } | string | undefined {
  const ref = o['security-realm'];
  if (ref === undefined) return o['principal'] && o['keytab-file'] ? { principal: o['principal'], keytabFile: o['keytab-file'], from: 'principal and keytab-file' } : undefined;
  if (o['principal'] !== undefined || o['keytab-file'] !== undefined) return 'give either security-realm or principal + keytab-file, not both';
  const target = realms.get(ref)?.authentication;
  if (!target) return `realm "${ref}" is not defined`;
  if (target.kind !== 'krb5-login-module') return `realm "${ref}" has no ${KRB5_LOGIN_MODULE} login module`;
  const p = target.properties;
  if (p['useKeyTab'] !== 'true' || p['storeKey'] !== 'true') return `realm "${ref}": an acceptor needs useKeyTab=true and storeKey=true`;
  if (!p['principal'] || !p['keyTab']) return `realm "${ref}": principal and keyTab are required (the member's keys)`;
  return { principal: p['principal'], keytabFile: p['keyTab'], from: `security-realm ${ref}` };
}

export interface FinishOptions {
  /**
   * Accept ldap and kerberos authentication (parsed into their option maps) instead of failing.
   * For the realms work, which adds their enforcement; the member itself never sets it.
   */
  acceptPendingRealmTypes?: boolean;
}

export function finishConfig(ctx: Ctx, config: MemberConfig, securityPath: string, opts: FinishOptions): MemberConfig {
  const sec = config.security;
  // SecurityContextImpl.checkRealmExists: a reference to a missing realm stops the member.
  for (const [ref, kind] of [
    [sec.memberAuthenticationRealm, 'member-authentication'],
    [sec.clientAuthenticationRealm, 'client-authentication'],
  ] as const) {
    if (ref !== undefined && !sec.realms.has(ref)) {
      ctx.fail(`${securityPath}/${kind}`, `realm "${ref}" is not defined in ${securityPath}/realms`);
    }
  }
  if (!opts.acceptPendingRealmTypes) {
    // ldap and kerberos are enforced (security/ldap.ts, kerberos.ts); options they cannot honour
    // stop the member here, naming the option.
    for (const realm of sec.realms.values()) {
      const auth = realm.authentication;
      const at = `${securityPath}/realms/realm[${realm.name}]/authentication`;
      if (auth?.kind === 'krb5-login-module') {
        // Only as the keytab holder of a kerberos realm (security-realm); it authenticates no client itself.
        if (sec.clientAuthenticationRealm === realm.name || sec.memberAuthenticationRealm === realm.name) {
          ctx.unsupported(`${at}/jaas`, `a ${KRB5_LOGIN_MODULE} realm only serves as a kerberos realm's security-realm`);
        }
        continue;
      }
      if (auth?.kind === 'kerberos') {
        const acceptor = krb5Acceptor(auth.options, sec.realms);
        if (typeof acceptor === 'string') ctx.fail(`${at}/kerberos/security-realm`, acceptor);
        if (acceptor) auth.acceptor = acceptor;
      }
      const problem = auth?.kind === 'ldap' ? ldapOptionsProblem(auth.options) : auth?.kind === 'kerberos' ? kerberosOptionsProblem(auth.options, auth.ldap, auth.acceptor) : undefined;
      if (auth && problem) ctx.fail(`${at}/${auth.kind}/${problem.option}`, problem.why);
    }
  }
  return config;
}
