// Turns a cell's coordinates into the abstract member and client setups and its checks. The
// coordinates say *what* varies; the setups say what each side is configured with.
import type { Catalogue } from './catalogue.ts';
import { parseChecks } from './coordinates.ts';
import { CAPABILITIES, operationCapability } from '../../core/plan/cell.ts';
import { pairChecks, type PairSide } from './permission-catalogue.ts';
import type { Check, ClientSetup, ClientTls, TlsVersion } from '../../core/plan/cell.ts';
import type { MemberSetup, MemberSsl } from '../model.ts';

const openssl2iana = (catalogue: Catalogue, names: string[]) =>
  names.map((n) => {
    const suite = catalogue.suites.find((s) => s.openssl === n);
    if (!suite) throw new Error(`cipher ${n} is not in the catalogue`);
    return suite.iana;
  });

export function memberSetupOf(c: Record<string, string>, catalogue: Catalogue): MemberSetup {
  let ssl: MemberSsl | null = null;
  if (c.memberTls === 'on') {
    ssl = { protocol: c.memberProtocol as MemberSsl['protocol'], keyStore: c.memberKey! };
    if (c.memberCiphers !== 'default') ssl.cipherSuites = openssl2iana(catalogue, catalogue.cipherLists[c.memberCiphers!]!);
    if (c.mutualAuth !== 'off') {
      ssl.mutualAuthentication = c.mutualAuth as 'OPTIONAL' | 'REQUIRED';
      ssl.trustStore = c.memberTrust!;
    }
  }
  const realm = c.realm === 'none' ? undefined : catalogue.realms[c.realm!];
  return {
    clusterName: c.memberClusterName!,
    ssl,
    ...(c.userCodeDeployment === 'on' ? { userCodeDeployment: true as const } : {}),
    security: {
      enabled: realm !== undefined,
      ...(realm ? { clientRealm: { name: `${c.realm}Realm`, ...structuredClone(realm) } } : {}),
      clientPermissions: c.permissions === 'none' ? [] : structuredClone(catalogue.permissionSets[c.permissions!]!),
    },
  };
}

export function clientSetupOf(c: Record<string, string>, catalogue: Catalogue, checks: Check[]): ClientSetup {
  const caps = new Set<string>();
  let tls: ClientTls | null = null;
  if (c.clientTls === 'on') {
    caps.add(CAPABILITIES.tls);
    tls = {
      enabled: true,
      verifyMember: c.verify === 'on',
      ca: c.clientCa!,
      hostnameVerification: c.hostnameVerification === 'on',
      connectHost: c.connectHost!,
    };
    if (c.clientVersion !== 'default') {
      const v = c.clientVersion as TlsVersion;
      tls.minVersion = v;
      tls.maxVersion = v;
      caps.add(v === 'SSLv2' ? CAPABILITIES.pinSslv2 : v === 'SSLv3' ? CAPABILITIES.pinSslv3 : CAPABILITIES.pinTlsVersion);
    }
    if (c.clientCiphers !== 'default') {
      tls.ciphers = [...catalogue.cipherLists[c.clientCiphers!]!];
      caps.add(CAPABILITIES.cipherList);
    }
    if (!tls.verifyMember) caps.add(CAPABILITIES.disableVerification);
    if (tls.verifyMember && tls.ca === 'system') caps.add(CAPABILITIES.systemCa);
    if (!tls.hostnameVerification) caps.add(CAPABILITIES.hostnameVerificationToggle);
    if (c.clientCert !== 'none') {
      const format = c.keyFormat as 'separate' | 'combined' | 'encrypted';
      caps.add(CAPABILITIES.clientCert);
      tls.cert = { artifact: c.clientCert!, format };
      if (format === 'combined') caps.add(CAPABILITIES.combinedKeyCert);
      if (format === 'encrypted') {
        caps.add(CAPABILITIES.encryptedKey);
        tls.cert.keyPassword = c.clientKeyUnlock as 'correct' | 'wrong';
        tls.cert.keyPasswordForm = c.clientKeyUnlockForm as NonNullable<typeof tls.cert.keyPasswordForm>;
        if (tls.cert.keyPasswordForm === 'callable' || tls.cert.keyPasswordForm === 'callable-bytes') caps.add(CAPABILITIES.keyPasswordCallable);
        if (tls.cert.keyPasswordForm === 'bytes' || tls.cert.keyPasswordForm === 'callable-bytes') caps.add(CAPABILITIES.keyPasswordBytes);
      }
    }
  }
  const credentials = structuredClone(catalogue.clientIdentities[c.clientIdentity!]!);
  if (credentials.kind === 'password') caps.add(CAPABILITIES.passwordCredentials);
  if (credentials.kind === 'token') caps.add(CAPABILITIES.tokenCredentials);
  if (credentials.kind === 'kerberos') caps.add(CAPABILITIES.kerberosCredentials);
  // Each operation is a capability of its own: a driver that cannot run one reports the cell not applicable.
  for (const check of checks) caps.add(operationCapability(check.operation));
  return { clusterName: c.clientClusterName!, tls, credentials, requiredCapabilities: [...caps].sort() };
}

/** Checks of a cell; `expect` is filled in by the oracle. check 'pair' = the permission pair's operations. */
export function checksOf(c: Record<string, string>, catalogue?: Catalogue): Omit<Check, 'expect'>[] {
  const value = c.check ?? 'none';
  if (value === 'pair') {
    if (!catalogue?.permissionCatalogue) throw new Error('check "pair" needs matrices/permission-catalogue.yaml');
    if (c.permission === undefined || c.side === undefined) throw new Error('check "pair" needs the coordinates permission, action and side');
    return pairChecks(catalogue.permissionCatalogue, c.permission, c.action ?? '', c.side as PairSide);
  }
  return parseChecks(value).map((p) => ({ id: `${p.operation}@${p.objectName}`, ...p }));
}
