// The server version that names the reference member's own image (not a Hazelcast release). In a
// module of its own so the CLI's option texts can name it without loading the container target.
export const REFERENCE_VERSION = 'reference';

/**
 * "reference" (the image built for this tree) or "reference@TAG" / "reference@IMAGE": the reference
 * member from another image (container.ts resolves it). A second reference "version" is how a
 * multi-version run is exercised where Hazelcast Enterprise cannot run.
 */
export function isReferenceVersion(version: string): boolean {
  return version === REFERENCE_VERSION || version.startsWith(`${REFERENCE_VERSION}@`);
}
