// One connection attempt as core runs it, whatever the driver: Kerberos credentials become a
// GSSAPI token from the run's KDC (and a replayed ticket is used once first), the driver connects
// and reports facts, the member's evidence is waited for, and the facts are classified with the
// driver's error map.
import type { PkiManifest } from '../../../pki/types.ts';
import type { ClientDriver, ConnectAttempt } from '../../clients/driver.ts';
import type { MemberEndpoint, MemberEvidence } from '../evidence.ts';
import type { ClientSetup } from '../plan/cell.ts';
import { kerberosToken, type KerberosClientEnv } from '../services/kerberos-token.ts';
import { redactText } from '../util/redact.ts';
import { classifyAttempt } from './classify.ts';
import { OPENSSL_TLS_ERRORS } from './openssl-errors.ts';

/** How long to wait for the member's log entry about an attempt that already ended on the client. */
const MEMBER_EVIDENCE_GRACE_MS = 150;

export interface AttemptContext {
  pki: PkiManifest;
  /** The member's log (what the target reports). */
  evidence: MemberEvidence;
  /** The run's KDC, for clients with Kerberos credentials (realms area). */
  kerberos?: KerberosClientEnv;
}

export async function connectWith(driver: ClientDriver, endpoint: MemberEndpoint, setup: ClientSetup, ctx: AttemptContext): Promise<ConnectAttempt> {
  let client = setup;
  if (setup.credentials.kind === 'kerberos' && !driver.handlesKerberos) {
    // The ticket comes from the run's KDC (kinit + GSSAPI), sent as token credentials.
    const started = performance.now();
    if (!ctx.kerberos) return { outcome: { kind: 'error', message: 'Kerberos credentials but the run has no KDC' }, evidence: {}, durationMs: 0 };
    const token = await kerberosToken(setup.credentials, ctx.kerberos);
    if (!token.ok) {
      return {
        outcome: { kind: 'no-credentials', reason: token.reason },
        evidence: { 'client log': `no Kerberos token: ${token.message}` },
        durationMs: performance.now() - started,
      };
    }
    client = { ...setup, credentials: { kind: 'token', encoding: 'base64', token: token.tokenBase64 } };
    if (setup.credentials.ticket === 'replayed') {
      // The token is first accepted once (an eavesdropper's use, or the first connection).
      const first = await attemptOnce(driver, endpoint, client, ctx);
      await first.session?.close();
      if (first.outcome.kind !== 'connected') {
        return { ...first, outcome: { kind: 'error', message: `the first use of the token was not accepted: ${JSON.stringify(first.outcome)}` } };
      }
    }
  }
  return attemptOnce(driver, endpoint, client, ctx);
}

async function attemptOnce(driver: ClientDriver, endpoint: MemberEndpoint, client: ClientSetup, ctx: AttemptContext): Promise<ConnectAttempt> {
  const mark = ctx.evidence.mark();
  // Only for a driver that states its attempt bound (it waits on it); the wait ends with the bound.
  const bound = driver.attemptBoundMs;
  const memberRefused =
    bound === undefined
      ? undefined
      : ctx.evidence.waitFor(mark, (e) => e.kind === 'tls-refused' && e.decidedBy === 'member', bound).then((e) => e !== undefined);
  const report = await driver.connect(endpoint, client, {
    pki: ctx.pki,
    ...(memberRefused ? { memberRefused } : {}),
    evidence: ctx.evidence,
    ...(ctx.kerberos ? { kerberos: ctx.kerberos } : {}),
  });
  // A driver that classified the attempt itself (an adapter with its own error map): as it is.
  if ('outcome' in report) return report;
  if (!report.connected) {
    // The member logs its side as the connection closes; give that a moment to land.
    await ctx.evidence.waitFor(mark, (e) => e.kind === 'tls-refused' || e.kind === 'auth', MEMBER_EVIDENCE_GRACE_MS);
  } else {
    // The identity the member authenticated: already logged in-process, but a container member's
    // line comes through the engine's log stream a moment later (resolves at once when present).
    await ctx.evidence.waitFor(mark, (e) => e.kind === 'auth', MEMBER_EVIDENCE_GRACE_MS);
  }
  const memberEvents = ctx.evidence.since(mark);
  const outcome = classifyAttempt(
    { connected: report.connected, clientErrors: report.clientErrors, memberEvents, ...(report.clientTls ? { clientTls: report.clientTls } : {}) },
    driver.errors ?? { tls: OPENSSL_TLS_ERRORS },
  );
  const evidence = { ...report.evidence, 'member log': redactText(memberEvents.map((e) => `${e.kind}: ${e.detail}`).join('\n'), report.secrets) };
  const attempt: ConnectAttempt = { outcome, evidence, durationMs: report.durationMs };
  if (report.session) attempt.session = report.session;
  return attempt;
}
