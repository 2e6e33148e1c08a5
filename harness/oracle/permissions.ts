// Client permissions as the documentation states them: a permission applies when its name pattern
// matches the object, its principal list names one of the client's roles (or is absent / '*'),
// and its actions include the action (or 'all').
import type { Check, MapPermission } from '../plan/cell.ts';

/** Actions a map operation needs: the proxy is created first ('create'), then the operation itself. */
export const ACTIONS_OF: Record<Check['operation'], string[]> = {
  'map.put': ['create', 'put'],
  'map.get': ['create', 'read'],
};

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

function principalMatches(principal: string | undefined, roles: string[]): boolean {
  if (principal === undefined) return true;
  return principal.split(',').map((p) => p.trim()).some((p) => roles.some((r) => wildcard(p, r)));
}

/** Is every action the operation needs granted to a client with these roles? */
export function isGranted(permissions: MapPermission[], roles: string[], check: Pick<Check, 'operation' | 'mapName'>): boolean {
  const applicable = permissions.filter((p) => wildcard(p.name, check.mapName) && principalMatches(p.principal, roles));
  return ACTIONS_OF[check.operation].every((action) => applicable.some((p) => p.actions.includes('all') || p.actions.includes(action)));
}
