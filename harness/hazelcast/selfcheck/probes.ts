// Where the suite must notice each fault of the reference member's catalogue: the areas and the
// cells (a --grep pattern over cell ids, names and requirements) that concern the rule the fault
// breaks. Kept small so that the whole self-check fits in a CI job; a unit test checks that every
// fault has a probe and that every probe selects cells.
import type { HazelcastArea as Area } from '../model.ts';
import { FAULTS, type FaultDefinition, type FaultName } from '../reference-member/index.ts';
import { CLIENT_FAULTS, type ClientFaultName } from '../../clients/node-client/client-faults.ts';

/** Every fault the self-check knows: the member's catalogue, then the client driver's. */
export const ALL_FAULTS: ReadonlyArray<FaultDefinition & { side: 'member' | 'client' }> = [
  ...FAULTS.map((f) => ({ ...f, side: 'member' as const })),
  ...CLIENT_FAULTS.map((f) => ({ ...f, side: 'client' as const })),
];

export interface Probe {
  areas: Area[];
  /** A --grep pattern (case-insensitive regular expression) selecting the cells to run. */
  grep: string;
}

const tls = (grep: string): Probe => ({ areas: ['tls'], grep });
const mtls = (grep: string): Probe => ({ areas: ['mutual-auth'], grep });
const creds = (grep: string): Probe => ({ areas: ['credentials'], grep });
const perms = (grep: string): Probe => ({ areas: ['permissions'], grep });

export const PROBES: Record<FaultName | ClientFaultName, Probe> = {
  'protocol-pin-ignored': tls('^HZ-TLS-001/'),
  'jdk-disabled-protocols-enabled': tls('^HZ-TLS-001/'),
  'cipher-order-ignored': tls('^HZ-TLS-003/'),
  'cipher-list-ignored': tls('^HZ-TLS-003/'),
  'mutual-required-as-optional': mtls('^HZ-MTLS-00[12]/'),
  'optional-accepts-expired': mtls('^HZ-MTLS-001/'),
  'client-cert-trust-ignored': mtls('^HZ-MTLS-00[12]/'),
  'client-cert-purpose-ignored': mtls('^HZ-MTLS-001/'),
  'cluster-name-ignored': creds('^HZ-AUTH-006/'),
  'username-case-insensitive': creds('^HZ-AUTH-00[17]/'),
  'password-prefix-accepted': creds('^HZ-AUTH-00[17]/'),
  'password-extension-accepted': creds('^HZ-AUTH-00[17]/'),
  'token-prefix-accepted': creds('^HZ-AUTH-00[28]/'),
  'tls-role-attribute-ignored': creds('^HZ-AUTH-00[459]/'),
  'tls-role-first-rdn': creds('^HZ-AUTH-00[459]/'),
  'pn-counter-no-permission': perms('pn-counter-permission'),
  'ring-buffer-null-permission': perms('ring-buffer-permission'),
  'wrong-action-mapped': perms('^HZ-PERM-001/'),
  'permission-type-ignored': perms('^HZ-PERM-03[02]/'),
  'all-permissions-any-principal': perms('^HZ-PERM-029/'),
  'wildcard-dot-any-char': perms('^HZ-PERM-0(25|35)/'),
  'name-matched-as-prefix': perms('^HZ-PERM-0(25|35)/'),
  'principal-case-insensitive': perms('^HZ-PERM-0(26|35)/'),
  'principal-list-trimmed': perms('^HZ-PERM-0(26|35)/'),
  'endpoint-range-off-by-one': perms('^HZ-PERM-0(28|35)/'),
  'endpoint-matched-as-prefix': perms('^HZ-PERM-0(28|35)/'),
  'ldap-recursion-one-too-deep': { areas: ['realms'], grep: '^HZ-LDAP-00[89]/' },
  // Client faults (the Node client driver reproducing client bugs, against the unmodified member).
  'client-hostname-check-skipped': tls('^HZ-TLS-006/'),
  'client-cipher-list-dropped': tls('^HZ-TLS-003/'),
  'client-version-limits-dropped': tls('^HZ-TLS-001/'),
  'client-ca-file-ignored': tls('^HZ-TLS-00[47]/'),
};
