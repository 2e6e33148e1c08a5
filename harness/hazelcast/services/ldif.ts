// The directory the LDAP cells run against, as LDIF, built from the facts in
// matrices/realms-fixtures.yaml (the oracle reads the same facts).
import type { DirectoryFacts } from '../plan/catalogue.ts';

export const USERS_OU = 'ou=Users';
export const ROLES_OU = 'ou=Roles';
/** Attributes holding the facts (standard inetOrgPerson / groupOfNames schema, nothing custom). */
export const DIRECTORY_ATTRIBUTES = { role: 'employeeType', roleDn: 'seeAlso', altPassword: 'description', mail: 'mail' } as const;

export const userDn = (d: DirectoryFacts, uid: string) => `uid=${uid},${USERS_OU},${d.baseDn}`;
export const groupDn = (d: DirectoryFacts, cn: string) => `cn=${cn},${ROLES_OU},${d.baseDn}`;

export function directoryLdif(d: DirectoryFacts): string {
  const rdn = d.baseDn.split(',')[0]!;
  const dc = rdn.split('=')[1]!;
  const entries: string[][] = [
    [`dn: ${d.baseDn}`, 'objectClass: dcObject', 'objectClass: organization', `dc: ${dc}`, `o: ${dc}`],
    [`dn: ${USERS_OU},${d.baseDn}`, 'objectClass: organizationalUnit', 'ou: Users'],
    [`dn: ${ROLES_OU},${d.baseDn}`, 'objectClass: organizationalUnit', 'ou: Roles'],
  ];
  for (const [uid, u] of Object.entries(d.users)) {
    const e = [`dn: ${userDn(d, uid)}`, 'objectClass: inetOrgPerson', `uid: ${uid}`, `cn: ${uid}`, `sn: ${uid}`, `userPassword: ${u.password}`];
    for (const r of u.roles) e.push(`${DIRECTORY_ATTRIBUTES.role}: ${r}`);
    for (const r of u.roleDns) e.push(`${DIRECTORY_ATTRIBUTES.roleDn}: ${r}`);
    if (u.altPassword) e.push(`${DIRECTORY_ATTRIBUTES.altPassword}: ${u.altPassword}`);
    if (u.mail) e.push(`${DIRECTORY_ATTRIBUTES.mail}: ${u.mail}`);
    entries.push(e);
  }
  for (const [cn, g] of Object.entries(d.groups)) {
    const e = [`dn: ${groupDn(d, cn)}`, 'objectClass: groupOfNames', `cn: ${cn}`];
    for (const m of g.members) e.push(`member: ${m in d.users ? userDn(d, m) : groupDn(d, m)}`);
    for (const r of g.roleDns) e.push(`${DIRECTORY_ATTRIBUTES.roleDn}: ${r}`);
    entries.push(e);
  }
  return entries.map((e) => e.join('\n')).join('\n\n') + '\n';
}
