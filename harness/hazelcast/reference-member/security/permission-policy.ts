// The default client permission policy. Sources (read, summarised here):
// - DefaultPermissionPolicy (enterprise): each configured permission is registered under every
//   (principal, endpoint) pair of its comma-separated principal list (split on ',' with no trimming,
//   absent = "*") and its endpoint list (absent = any address). A client's permissions are the
//   union of the entries whose principal matches one of the client's ClusterRolePrincipal names —
//   equality or the configured wildcard matcher; the identity principal is NOT compared — and whose
//   endpoint pattern matches the ClusterEndpointPrincipal (AddressUtil.matchInterface). If any of
//   them is all-permissions the client may do everything.
// - InstancePermission.implies: same permission class, the configured actions' bit mask covers the
//   requested action, and WildcardConfigPatternMatcher.matches(configured name, requested name).
//   "all" sets every bit of the class (MapPermission etc. initMask). JobPermission always has "read".
//   Permissions without a name or actions (transaction, config, management without name) are
//   implied by any permission of the same class.
// - 5.4+ (hazelcast-config-5.5.xsd): permissions with deny="true" are subtracted; with the default
//   priority-grant="false" a matching deny wins over any grant. With priority-grant="true" a
//   matching grant wins, and a request that no grant and no deny implies is allowed.
// - No matching permission -> denied (DenyAllPermissionCollection); security enabled with no
//   client-permissions therefore denies every checked operation.
import type { MemberConfig, PermissionConfig } from '../config/model.ts';
import { PERMISSION_BY_TYPE } from '../config/permission-types.ts';
import { addressMatches } from './address-match.ts';
import type { ClientSubject, PermissionDecision, RequiredPermission } from './api.ts';
import { principalMatches, splitPrincipalList, wildcardMatches } from './name-match.ts';

function describe(p: PermissionConfig): string {
  const parts = [`${p.element}`];
  if (p.name !== '*' || PERMISSION_BY_TYPE.get(p.type)?.named) parts.push(`name=${p.name}`);
  parts.push(`principal=${p.principal}`);
  if (p.endpoints.length) parts.push(`endpoints=${p.endpoints.join(',')}`);
  if (p.actions.length) parts.push(`actions=${p.actions.join(',')}`);
  if (p.deny) parts.push('deny');
  return parts.join(' ');
}

/** Whether the entry applies to this subject (principal list and endpoint list). */
export function appliesTo(p: PermissionConfig, subject: ClientSubject): boolean {
  const principals = splitPrincipalList(p.principal);
  const roleMatch = subject.roles.some((role) => principals.some((pattern) => principalMatches(pattern, role)));
  if (!roleMatch) return false;
  return p.endpoints.length === 0 || p.endpoints.some((pattern) => addressMatches(subject.endpoint, pattern));
}

/** Whether the configured permission implies the required one (class, name, action). */
export function implies(p: PermissionConfig, required: RequiredPermission): boolean {
  if (p.type === 'all') return true;
  if (p.type !== required.type) return false;
  const type = PERMISSION_BY_TYPE.get(p.type);
  if (type?.named && !wildcardMatches(p.name, required.name)) return false;
  if (type?.actions === undefined) return true;
  if (p.actions.includes('all')) return true;
  if (p.type === 'job' && required.action === 'read') return true;
  return p.actions.includes(required.action);
}

export function checkPermission(config: MemberConfig, subject: ClientSubject, required: RequiredPermission): PermissionDecision {
  const what = `${required.type}${required.name ? ` "${required.name}"` : ''}${required.action ? ` ${required.action}` : ''}`;
  if (!config.security.enabled) return { granted: true, reason: `${what}: security disabled` };
  const matching = config.security.clientPermissions.filter((p) => appliesTo(p, subject) && implies(p, required));
  const grants = matching.filter((p) => !p.deny);
  const denies = matching.filter((p) => p.deny);
  const who = `roles [${subject.roles.join(', ')}] from ${subject.endpoint}`;
  if (config.security.priorityGrant) {
    if (grants.length) return { granted: true, reason: `${what} granted to ${who} by ${describe(grants[0]!)}` };
    if (denies.length) return { granted: false, reason: `${what} denied to ${who} by ${describe(denies[0]!)}` };
    return { granted: true, reason: `${what} granted to ${who}: priority-grant and no permission denies it` };
  }
  if (denies.length) return { granted: false, reason: `${what} denied to ${who} by ${describe(denies[0]!)}` };
  if (grants.length) return { granted: true, reason: `${what} granted to ${who} by ${describe(grants[0]!)}` };
  return { granted: false, reason: `${what} denied to ${who}: no client permission matches` };
}
