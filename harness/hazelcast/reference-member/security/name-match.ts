// Name patterns of permissions and principals, matched as Hazelcast's WildcardConfigPatternMatcher
// does (InstancePermission.implies and DefaultPermissionPolicy's principal check both use it).
// In our words: only the FIRST '*' is a wildcard. Without one, the name must equal the pattern.
// With one, the name must start with the text before it and end with the text after it (a later
// '*' is literal text of that suffix), and be at least as long as the pattern minus the '*', so
// the prefix and suffix cannot overlap.

export function wildcardMatches(pattern: string, name: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return name === pattern;
  const prefix = pattern.substring(0, star);
  const suffix = pattern.substring(star + 1);
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return false;
  return name.length + 1 >= pattern.length;
}

/**
 * DefaultPermissionPolicy's principal test: equality first, then the configured pattern matcher
 * (WildcardConfigPatternMatcher by default). Principal lists are split on ',' without trimming:
 * the documentation warns that `principal=" admin ,devel"` does not grant anything to "admin".
 */
export function principalMatches(pattern: string, roleName: string): boolean {
  return roleName === pattern || wildcardMatches(pattern, roleName);
}

/** Java's String.split(","): like JS split, but trailing empty strings are dropped. */
export function splitPrincipalList(principal: string): string[] {
  const parts = principal.split(',');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
