// The realms area's services as the suite runtime needs them: why they cannot run here, and how
// to start them once per suite file and hand them to the target (what the member configuration
// names, JVM-wide settings) and to the driver (the KDC for the client's ticket).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KerberosClientEnv } from '../../core/services/kerberos-token.ts';
import { JVM } from '../reference-member/index.ts';
import type { Catalogue } from '../plan/catalogue.ts';
import type { HazelcastCell } from '../model.ts';
import { loadMatrices } from '../plan/load.ts';
import type { AreaServices } from '../../core/suite/area-suite.ts';
import type { RunServices } from '../../core/suite/run-context.ts';
import { kerberosPackageMissing } from '../../core/util/krb5-env.ts';
import { createServiceProvider, realmServicesUnavailable, startRealmServices, type RealmServices } from './realm-services.ts';
import type { ServiceProvider } from './types.ts';

/** GSS host-based service name ("hz@127.0.0.1") of a principal "hz/127.0.0.1". */
export function hostBasedService(principal: string): string {
  const [service, host] = principal.split('/');
  return `${service}@${host}`;
}

/** What the target and the driver get from started realm services. */
/** Every password the directory and the KDC hold: redacted from member logs, evidence and attachments. */
export function realmSecrets(catalogue: Catalogue): string[] {
  const d = catalogue.directory;
  const k = catalogue.kerberos;
  return [
    ...(d ? [d.admin.password, ...Object.values(d.users).flatMap((u) => [u.password, ...(u.altPassword ? [u.altPassword] : [])])] : []),
    ...(k ? Object.values(k.clients).map((c) => c.password) : []),
  ];
}

export function runServicesOf(s: RealmServices, catalogue: Catalogue, clientDir: string): RunServices {
  const kerberos = catalogue.kerberos!;
  // The expired-ticket identity asks the lifetime its principal is capped at in the KDC.
  const shortLife = Math.min(...Object.values(kerberos.clients).map((c) => c.maxLifeSeconds ?? Infinity));
  const client: KerberosClientEnv = {
    realm: s.kdc.realm,
    krb5ConfPath: s.kdc.krb5ConfPath,
    krb5ConfDownPath: s.kdc.krb5ConfDownPath,
    keytab: (p) => s.kdc.keytab(p),
    memberService: hostBasedService(kerberos.servicePrincipal),
    otherService: hostBasedService(kerberos.otherServicePrincipal),
    shortLifeSeconds: Number.isFinite(shortLife) ? shortLife : 3,
    clockSkewSeconds: kerberos.clockSkewSeconds,
    workDir: clientDir,
  };
  return {
    target: {
      refs: s.refs(),
      // Like -Djava.security.krb5.conf on the member's JVM; the replay cache stays private to the run.
      jvmProperties: { [JVM.krb5Conf]: s.kdc.krb5ConfPath, [JVM.krb5RcacheDir]: s.rcacheDir },
    },
    kerberos: client,
    secrets: realmSecrets(catalogue),
    stop: () => s.stop(),
  };
}

/** A cell whose member or client speaks Kerberos (needs the native `kerberos` package); the realms area's cells are Hazelcast cells. */
function usesKerberos(cell: HazelcastCell): boolean {
  return cell.member.security.clientRealm?.authentication?.kind === 'kerberos' || cell.client.credentials?.kind === 'kerberos';
}

export function realmAreaServices(provider: ServiceProvider = createServiceProvider()): AreaServices {
  return {
    unavailable: (cell) => realmServicesUnavailable(provider) ?? (cell && usesKerberos(cell as HazelcastCell) ? kerberosPackageMissing() : undefined),
    async provision(ctx, workDir) {
      const { catalogue } = loadMatrices();
      const services = await startRealmServices(catalogue, ctx.pki, workDir, provider);
      const clientDir = join(workDir, 'client');
      await mkdir(clientDir, { recursive: true, mode: 0o700 });
      return runServicesOf(services, catalogue, clientDir);
    },
  };
}
