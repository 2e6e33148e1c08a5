// Client permissions as the documentation states them (hazelcast-client-security-permissions.txt
// §Authorization, §Permissions): an entry applies to a client when its principal list names one of
// the client's roles (comma separated, each part compared as written — no trimming — and '*'
// wildcards; an absent principal or '*' means every principal) and one of its endpoint patterns
// matches the client's address (absent = any; '*' octets, 'a-b' ranges). It grants a needed
// permission when it is of the same type (all-permissions: every type), its name pattern matches
// the object (absent = any), and its actions include the action or `all`. The client's
// permissions are the union of the entries that apply; no entry → denied.
// Which permissions an operation needs comes from the permission catalogue (Hazelcast's message
// tasks), never from the reference member.
import type { Catalogue } from '../plan/catalogue.ts';
import type { Check } from '../../core/plan/cell.ts';
import type { ClientPermission } from '../model.ts';
import { resolveNeed } from '../plan/permission-catalogue.ts';

const DEFAULT_ELEMENT = 'map-permission';

/** Who asks: the client's role names and the address the member sees it come from. */
export interface PermissionSubject {
  roles: string[];
  endpoint: string;
}

/** A needed permission, resolved for the object the check names. */
export interface Need {
  element: string;
  action: string;
  name: string;
}

/** '*' stands for any run of characters (documented wildcard). */
export function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

export function principalApplies(principal: string | undefined, roles: string[]): boolean {
  if (principal === undefined || principal === '*') return true;
  // Split on ',' and compared as written: " dev" is not "dev".
  return principal.split(',').some((p) => roles.some((r) => p === r || wildcard(p, r)));
}

/** One IPv4 endpoint pattern: four parts, each a number, '*' or an inclusive range 'a-b'. */
export function endpointMatches(pattern: string, address: string): boolean {
  const parts = pattern.trim().split('.');
  const octets = address.split('.');
  if (parts.length !== 4 || octets.length !== 4) return false;
  return parts.every((part, i) => {
    const value = Number(octets[i]);
    if (part === '*') return true;
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) return value >= Number(range[1]) && value <= Number(range[2]);
    return /^\d+$/.test(part) && Number(part) === value;
  });
}

export function entryApplies(p: ClientPermission, subject: PermissionSubject): boolean {
  if (!principalApplies(p.principal, subject.roles)) return false;
  return !p.endpoints || p.endpoints.length === 0 || p.endpoints.some((e) => endpointMatches(e, subject.endpoint));
}

export function entryGrants(p: ClientPermission, need: Need): boolean {
  const element = p.element ?? DEFAULT_ELEMENT;
  if (element === 'all-permissions') return true;
  if (element !== need.element) return false;
  if (p.name !== undefined && !wildcard(p.name, need.name)) return false;
  if (!p.actions) return true;
  return p.actions.includes('all') || p.actions.includes(need.action);
}

/** Every permission the check's operation needs (prerequisites first), for its object. */
export function needsOf(check: Pick<Check, 'operation' | 'objectName'>, catalogue: Catalogue): Need[] {
  const op = catalogue.permissionCatalogue?.operations[check.operation];
  if (op) return [...op.prerequisites, op.requires].map((n) => resolveNeed(n, check.objectName));
  // Without the catalogue file (trimmed matrices), the two map operations of the credentials area.
  if (check.operation === 'map.put' || check.operation === 'map.get') {
    const action = check.operation === 'map.put' ? 'put' : 'read';
    return [
      { element: DEFAULT_ELEMENT, action: 'create', name: check.objectName },
      { element: DEFAULT_ELEMENT, action, name: check.objectName },
    ];
  }
  throw new Error(`oracle: no permission mapping for operation ${check.operation}`);
}

/** The first need no applicable entry grants, or undefined when every need is granted. */
export function missingNeed(permissions: ClientPermission[], subject: PermissionSubject, check: Pick<Check, 'operation' | 'objectName'>, catalogue: Catalogue): Need | undefined {
  const applicable = permissions.filter((p) => entryApplies(p, subject));
  return needsOf(check, catalogue).find((need) => !applicable.some((p) => entryGrants(p, need)));
}

export function isGranted(permissions: ClientPermission[], subject: PermissionSubject, check: Pick<Check, 'operation' | 'objectName'>, catalogue: Catalogue): boolean {
  return missingNeed(permissions, subject, check, catalogue) === undefined;
}
