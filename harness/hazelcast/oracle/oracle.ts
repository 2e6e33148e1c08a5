// The oracle: the documented rules as a small model that computes what must happen for a cell,
// in the order the handshake and the authentication happen. It never looks at the reference
// member's code (test/unit/oracle checks the imports) and never asks a member.
import type { Catalogue } from '../plan/catalogue.ts';
import type { Check, ClientSetup, ExpectedOutcome, TlsRefusalReason } from '../../core/plan/cell.ts';
import type { MemberSetup } from '../model.ts';
import { certificateFacts, certificateProblem, namesHost, type CertProblem } from '../../core/oracle/certificates.ts';
import { sharedSuites } from '../../core/oracle/ciphers.ts';
import { authenticate } from './credentials.ts';
import { missingNeed } from './permissions.ts';
import { RULES, cite } from './rules.ts';
import { kerberosPreconnect } from './realms.ts';
import { clientVersions, highestCommon, memberVersions, unavailableClientPin } from '../../core/oracle/versions.ts';

export interface OracleInput {
  member: MemberSetup;
  client: ClientSetup;
  checks: Omit<Check, 'expect'>[];
}

export interface OracleVerdict {
  expected: ExpectedOutcome;
  /** What each check must yield (only meaningful when the client gets to run it). */
  checkExpectations: Record<string, 'granted' | 'denied'>;
}

/** A cell the model has no rule for (e.g. TLS on one side only): a matrix bug, not an outcome. */
export class OracleError extends Error {
  override name = 'OracleError';
}

const CLIENT_SIDE: Record<CertProblem, TlsRefusalReason> = {
  untrusted: 'CERT_UNTRUSTED',
  'bad-usage': 'CERT_BAD_USAGE',
  expired: 'CERT_EXPIRED',
  'not-yet-valid': 'CERT_NOT_YET_VALID',
};
const CERT_RULE = { untrusted: RULES.untrusted, 'bad-usage': RULES.badUsage, expired: RULES.expired, 'not-yet-valid': RULES.expired } as const;

/** Address the member sees a client at: the suite always dials loopback. */
const CLIENT_ENDPOINT = '127.0.0.1';

const refused = (side: 'client' | 'member', reason: TlsRefusalReason, because: string): ExpectedOutcome => ({ kind: 'tls-refused', side, reason, because });

export function expectOutcome(input: OracleInput, catalogue: Catalogue): OracleVerdict {
  const { member, client, checks } = input;
  const checkExpectations: Record<string, 'granted' | 'denied'> = {};
  const done = (expected: ExpectedOutcome): OracleVerdict => ({ expected, checkExpectations });

  // 0. A Kerberos client needs a ticket before it can connect at all.
  const noTicket = kerberosPreconnect(client, catalogue);
  if (noTicket) return done(noTicket);

  const ssl = member.ssl;
  const tls = client.tls;
  if ((ssl === null) !== (tls === null)) throw new OracleError('TLS on one side only: the documents state no outcome for it');

  let verifiedClientCert: string | undefined;
  if (ssl && tls) {
    // 1. The client builds its TLS context: an encrypted key it cannot decrypt stops it there.
    if (tls.cert?.format === 'encrypted' && tls.cert.keyPassword === 'wrong') {
      return done(refused('client', 'KEY_PASSWORD', cite(RULES.keyPassword, 'wrong key password')));
    }
    // 2. Versions.
    const pin = unavailableClientPin(tls, catalogue);
    if (pin) return done(refused('client', 'PROTOCOL_VERSION', cite(RULES.sslProhibited, `client pins ${pin}`)));
    const onMember = memberVersions(ssl, catalogue);
    if (onMember.length === 0) {
      return done(refused('member', 'PROTOCOL_VERSION', cite(RULES.memberDisabled, `member protocol ${ssl.protocol} leaves no enabled version`)));
    }
    const onClient = clientVersions(tls, catalogue);
    const version = highestCommon(onMember, onClient);
    if (!version) {
      return done(refused('member', 'PROTOCOL_VERSION', cite(RULES.versionMismatch, `member enables ${onMember.join('/')}, client offers ${onClient.join('/')}`)));
    }
    // 3. Cipher suite, chosen by the member at that version.
    const memberKey = certificateFacts(catalogue, ssl.keyStore);
    const suites = sharedSuites(ssl, tls, version, memberKey.keyType, catalogue);
    if (suites.length === 0) {
      return done(refused('member', 'NO_SHARED_CIPHER', cite(RULES.noSharedCipher, `no shared ${version} suite for a ${memberKey.keyType} member key`)));
    }
    // 4. The client verifies the member's certificate (before it sends its own).
    if (tls.verifyMember) {
      const problem = certificateProblem(catalogue, ssl.keyStore, tls.ca, 'serverAuth');
      if (problem) return done(refused('client', CLIENT_SIDE[problem], cite(CERT_RULE[problem], `${ssl.keyStore} against ${tls.ca}`)));
      if (tls.hostnameVerification && !namesHost(memberKey, tls.connectHost)) {
        return done(refused('client', 'HOSTNAME_MISMATCH', cite(RULES.hostname, `${ssl.keyStore} does not name ${tls.connectHost}`)));
      }
    }
    // 5. The member verifies the client's certificate, if it asks for one.
    if (ssl.mutualAuthentication) {
      if (!tls.cert) {
        if (ssl.mutualAuthentication === 'REQUIRED') return done(refused('member', 'CLIENT_CERT_REQUIRED', cite(RULES.clientCertRequired)));
      } else {
        const problem = certificateProblem(catalogue, tls.cert.artifact, ssl.trustStore ?? 'system', 'clientAuth');
        if (problem) return done(refused('member', 'BAD_CLIENT_CERT', cite(RULES.badClientCert, `${tls.cert.artifact}: ${problem}`)));
        verifiedClientCert = tls.cert.artifact;
      }
    }
  }

  // 6. Authentication.
  const auth = authenticate(member, client, verifiedClientCert, catalogue);
  if (!auth.ok) return done({ kind: 'auth-refused', status: 'CREDENTIALS_FAILED', because: auth.because });

  // 7. Checks, in order; the first denied one is the outcome.
  const tlsNote = ssl && tls && !tls.verifyMember ? `${cite(RULES.noVerification)}; ` : '';
  let denied: string | undefined;
  const missingNotes: string[] = [];
  for (const check of checks) {
    // The suite dials loopback: the member sees the client at 127.0.0.1 (the endpoint principal).
    const subject = { roles: auth.roles, endpoint: client.tls?.connectHost ?? CLIENT_ENDPOINT };
    const missing = member.security.enabled ? missingNeed(member.security.clientPermissions, subject, check, catalogue) : undefined;
    const granted = missing === undefined;
    if (missing) missingNotes.push(`${check.id} needs ${missing.element}${missing.action ? ` ${missing.action}` : ''} on "${missing.name}"`);
    checkExpectations[check.id] = granted ? 'granted' : 'denied';
    if (!granted && denied === undefined) denied = check.id;
  }
  if (denied !== undefined) {
    return done({ kind: 'access-denied', check: denied, because: `${auth.because}; ${cite(RULES.permissions, `${missingNotes[0] ?? denied}, not granted to roles [${auth.roles.join(',')}]`)}` });
  }
  const permissionNote = checks.length > 0 && member.security.enabled ? `; ${cite(RULES.permissions, `${checks.map((c) => c.id).join(', ')} granted`)}` : '';
  return done({ kind: 'connected', ...(auth.subject ? { subject: auth.subject } : {}), because: `${tlsNote}${connectedTlsNote(input, catalogue)}${auth.because}${permissionNote}` });
}

function connectedTlsNote(input: OracleInput, catalogue: Catalogue): string {
  const { member, client } = input;
  if (!member.ssl || !client.tls) return '';
  const version = highestCommon(memberVersions(member.ssl, catalogue), clientVersions(client.tls, catalogue));
  const mutual = member.ssl.mutualAuthentication
    ? client.tls.cert
      ? `client certificate ${client.tls.cert.artifact} accepted; `
      : `${cite(RULES.clientCertOptional)}; `
    : client.tls.cert
      ? `${cite(RULES.mutualOff)}; `
      : '';
  return `${version} agreed (${RULES.versionAgreed.source}); ${mutual}`;
}
