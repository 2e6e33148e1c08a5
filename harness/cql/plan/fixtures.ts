// The roles, passwords and identities the CQL cells rely on, created by the harness's admin session
// on every server that authenticates. The oracle is told these facts; the server is told them by CQL.
import { SPIFFE } from '../pki-request.ts';
import type { RoleFacts } from '../oracle/auth.ts';

export const SUPERUSER = { username: 'cassandra', password: 'cassandra' } as const;
export const PROBE = { username: 'sm_probe', password: 'probe-pass-1' } as const;

export const ROLES: Record<string, RoleFacts> = {
  cassandra: { password: 'cassandra', login: true },
  sm_login: { password: 'login-pass-1', login: true },
  sm_nologin: { password: 'nologin-pass-1', login: false },
  app: { password: '', login: true },
  sm_probe: { password: PROBE.password, login: true },
};

export const IDENTITIES: Record<string, string> = {
  [SPIFFE.app]: 'app',
  [SPIFFE.admin]: 'cassandra',
};

/** CQL that makes the roles and identities above (run by the superuser). */
export function authFixtureCql(withIdentities: boolean): string[] {
  const out = [
    "CREATE ROLE IF NOT EXISTS sm_login WITH PASSWORD = 'login-pass-1' AND LOGIN = true",
    "CREATE ROLE IF NOT EXISTS sm_nologin WITH PASSWORD = 'nologin-pass-1' AND LOGIN = false",
    'CREATE ROLE IF NOT EXISTS app WITH LOGIN = true',
    `CREATE ROLE IF NOT EXISTS sm_probe WITH PASSWORD = '${PROBE.password}' AND LOGIN = true`,
  ];
  if (withIdentities)
    for (const [id, role] of Object.entries(IDENTITIES)) if (role !== 'cassandra') out.push(`ADD IDENTITY IF NOT EXISTS '${id}' TO ROLE '${role}'`);
  return out;
}

/** Passwords to keep out of reports. */
export const FIXTURE_SECRETS = ['login-pass-1', 'nologin-pass-1', PROBE.password, 'changed-by-probe'];
