// The kerberos authentication type (hazelcast-security-realms.txt, "Kerberos Authentication
// Type"), simplified form: the member accepts the GSSAPI token in the client's token credentials
// with the keys of `principal` from `keytab-file` (MIT krb5 through the `kerberos` package, with
// its replay cache and clock-skew checks). use-name-without-realm strips "@REALM"; with an <ldap>
// sub-configuration the roles come from the directory (the user looked up by the Kerberos name).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { withKrb5Env } from '../../../core/util/krb5-env.ts';
import { onCleanup } from '../../../core/util/cleanup.ts';
import { rmSync } from 'node:fs';
import { JVM, jvmSystemProperty } from './ldap-jvm-properties.ts';
import { apOptions } from './gss-token.ts';
import { ldapLogin, ldapOptionsProblem } from './ldap.ts';

export const KERBEROS_OPTIONS = ['principal', 'keytab-file', 'use-name-without-realm', 'relax-flags-check', 'security-realm', 'skip-identity', 'skip-role', 'skip-endpoint'] as const;

interface ServerContext {
  step(challenge: string): Promise<string>;
  username: string;
}
interface KerberosModule {
  initializeServer(service: string): Promise<ServerContext>;
}
let kerberosModule: KerberosModule | undefined;
function kerberos(): KerberosModule {
  // Native: loaded on first use, so members without Kerberos realms never need it.
  kerberosModule ??= createRequire(import.meta.url)('kerberos') as KerberosModule;
  return kerberosModule;
}

/** The principal and keytab tokens are accepted with (resolved by the configuration loader). */
export interface Krb5Acceptor {
  principal: string;
  keytabFile: string;
  /** "principal and keytab-file" or "security-realm NAME", for log lines. */
  from: string;
}

export function kerberosOptionsProblem(o: Record<string, string>, ldap: Record<string, string> | undefined, acceptor: Krb5Acceptor | undefined): { option: string; why: string } | undefined {
  for (const k of Object.keys(o)) if (!(KERBEROS_OPTIONS as readonly string[]).includes(k)) return { option: k, why: `unknown kerberos option (known: ${KERBEROS_OPTIONS.join(', ')}, ldap)` };
  if (!acceptor) return { option: 'principal', why: 'give principal and keytab-file (simplified form) or security-realm naming a Krb5LoginModule realm' };
  if (!/^[^/@\s]+\/[^@\s]+@[^@\s]+$/.test(acceptor.principal)) return { option: 'principal', why: `"${acceptor.principal}" (${acceptor.from}) is not a service principal service/host@REALM` };
  for (const k of ['use-name-without-realm', 'relax-flags-check', 'skip-identity', 'skip-role', 'skip-endpoint']) {
    if (o[k] !== undefined && o[k] !== 'true' && o[k] !== 'false') return { option: k, why: `expected true or false, got "${o[k]}"` };
  }
  if (ldap) {
    const p = ldapOptionsProblem(ldap);
    if (p) return { option: `ldap/${p.option}`, why: p.why };
    if (ldap['skip-authentication'] !== 'true' || !ldap['system-user-dn']) {
      return { option: 'ldap/skip-authentication', why: 'with Kerberos the LDAP part only maps roles: it needs system-user-dn and skip-authentication true (no password to verify)' };
    }
  }
  return undefined;
}

let defaultRcache: string | undefined;
function rcacheDir(): string {
  const configured = jvmSystemProperty(JVM.krb5RcacheDir);
  if (configured) return configured;
  // Never the machine-wide default replay cache: a private one for this process.
  if (!defaultRcache) {
    const dir = mkdtempSync(join(tmpdir(), 'secmatrix-rcache-'));
    defaultRcache = dir;
    void onCleanup(`replay cache ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  }
  return defaultRcache;
}

export interface KerberosLogin {
  ok: boolean;
  identity?: string;
  roles?: string[];
  reason: string;
}

export async function kerberosLogin(o: Record<string, string>, ldap: Record<string, string> | undefined, token: Buffer, acceptor: Krb5Acceptor): Promise<KerberosLogin> {
  const principal = acceptor.principal;
  const [service, hostAndRealm] = principal.split('/') as [string, string];
  const host = hostAndRealm.split('@')[0]!;
  let name: string;
  try {
    name = await withKrb5Env(
      {
        ...(jvmSystemProperty(JVM.krb5Conf) ? { KRB5_CONFIG: jvmSystemProperty(JVM.krb5Conf)! } : {}),
        KRB5_KTNAME: `FILE:${acceptor.keytabFile}`,
        KRB5RCACHEDIR: rcacheDir(),
      },
      async () => {
        const server = await kerberos().initializeServer(`${service}@${host}`);
        await server.step(token.toString('base64'));
        return server.username;
      },
    );
  } catch (err) {
    return { ok: false, reason: `GSSAPI token not accepted with ${principal} (${acceptor.from}): ${(err as Error).message}` };
  }
  // relax-flags-check: a token that requires mutual authentication asks for a reply token the
  // member never sends (server-side validation only); without relax-flags-check it is refused.
  if (o['relax-flags-check'] !== 'true' && apOptions(token)?.mutualRequired) {
    return { ok: false, reason: `token of ${name} requires mutual authentication, which the member does not provide (relax-flags-check is false)` };
  }
  const identity = o['use-name-without-realm'] === 'true' ? name.replace(/@[^@]*$/, '') : name;
  const roles = o['skip-role'] === 'true' ? [] : [identity];
  if (!ldap) return { ok: true, identity, roles, reason: `token of ${name} accepted with ${principal} (${acceptor.from})` };
  const mapped = await ldapLogin(ldap, identity, null);
  if (!mapped.ok) return { ok: false, reason: `token of ${name} accepted, but the LDAP role lookup failed: ${mapped.reason}` };
  return { ok: true, identity, roles: [...new Set([...roles, ...(mapped.roles ?? [])])], reason: `token of ${name} accepted with ${principal}; LDAP: ${mapped.reason}` };
}
