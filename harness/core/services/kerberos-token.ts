// Kerberos for a client that has none of its own (the Node client): what the Python client's
// hazelcast-kerberos package does — log in at the KDC (password or keytab, kinit into a private
// credential cache), get a service ticket for the member's principal with the `kerberos`
// package, and hand the GSSAPI token over as token credentials.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ClientCredentials, NoCredentialsReason } from '../plan/cell.ts';
import { withKrb5Env } from '../util/krb5-env.ts';
import { runTool, findBinary } from './process.ts';

/** What the driver needs to know about the run's KDC. */
export interface KerberosClientEnv {
  realm: string;
  krb5ConfPath: string;
  krb5ConfDownPath: string;
  keytab(principal: string): Promise<string>;
  /** GSS host-based service names: the member's and one the member has no key for. */
  memberService: string;
  otherService: string;
  /** Ticket lifetime asked for the expired-ticket cells, and the clock skew everyone allows. */
  shortLifeSeconds: number;
  clockSkewSeconds: number;
  /** Private directory for credential caches and replay caches. */
  workDir: string;
}

interface ClientContext {
  step(challenge: string): Promise<string>;
}
interface KerberosModule {
  initializeClient(service: string, options: { mechOID?: unknown; flags?: number }): Promise<ClientContext>;
  GSS_MECH_OID_KRB5: unknown;
  GSS_C_SEQUENCE_FLAG: number;
  GSS_C_MUTUAL_FLAG: number;
}
const kerberos = () => createRequire(import.meta.url)('kerberos') as KerberosModule;

export type TokenResult = { ok: true; tokenBase64: string } | { ok: false; reason: NoCredentialsReason; message: string };

let serial = 0;

function reasonOf(message: string): NoCredentialsReason {
  if (/Cannot contact any KDC|Cannot find KDC|timed out/i.test(message)) return 'KDC_UNREACHABLE';
  // Only the client principal: a service the KDC does not know ("Server ... not found") is no
  // unknown client.
  if (/Client\b.*not found in Kerberos database/i.test(message)) return 'CLIENT_UNKNOWN';
  return 'LOGIN_FAILED';
}

export async function kerberosToken(creds: Extract<ClientCredentials, { kind: 'kerberos' }>, env: KerberosClientEnv): Promise<TokenResult> {
  const conf = creds.kdc === 'down' ? env.krb5ConfDownPath : env.krb5ConfPath;
  const ccache = `FILE:${join(env.workDir, `ccache-${process.pid}-${++serial}`)}`;
  const principal = `${creds.principal}@${env.realm}`;
  const kinit = findBinary('kinit');
  if (!kinit) return { ok: false, reason: 'LOGIN_FAILED', message: 'kinit is not installed (Debian: krb5-user)' };
  const base = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', KRB5_CONFIG: conf, KRB5CCNAME: ccache };
  const life = creds.ticket === 'expired' ? ['-l', `${env.shortLifeSeconds}s`] : [];
  try {
    // Bounded: the KDC timeouts in krb5.conf are 1 s with one retry; 10 s is far beyond a healthy login.
    if (creds.login === 'keytab') await runTool([kinit, ...life, '-k', '-t', await env.keytab(principal), principal], base, '', 10_000);
    // The password goes through stdin, never the command line.
    else await runTool([kinit, ...life, principal], base, `${creds.password ?? ''}\n`, 10_000);
  } catch (err) {
    const message = (err as Error).message;
    return { ok: false, reason: reasonOf(message), message };
  }
  try {
    const tokenBase64 = await withKrb5Env({ KRB5_CONFIG: conf, KRB5CCNAME: ccache }, async () => {
      const k = kerberos();
      // No mutual-authentication flag by default: the member cannot answer with a reply token (the
      // docs: "only able to validate connections on the server side"); the relax-flags-check
      // cells ask for it on purpose.
      const flags = k.GSS_C_SEQUENCE_FLAG | (creds.mutual ? k.GSS_C_MUTUAL_FLAG : 0);
      const ctx = await k.initializeClient(creds.service === 'other' ? env.otherService : env.memberService, { mechOID: k.GSS_MECH_OID_KRB5, flags });
      return ctx.step('');
    });
    if (creds.ticket === 'expired') await new Promise((r) => setTimeout(r, (env.shortLifeSeconds + env.clockSkewSeconds + 1) * 1000));
    return { ok: true, tokenBase64 };
  } catch (err) {
    const message = (err as Error).message;
    return { ok: false, reason: reasonOf(message), message };
  }
}
