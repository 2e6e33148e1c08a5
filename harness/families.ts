// The registry of system families: what `secmatrix run --system NAME` and the suites choose from.
// A new family (harness/<name>/family.ts) is added here, and nowhere in core.
import type { SystemFamily } from './core/family.ts';
import { hazelcastFamily } from './hazelcast/family.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each family has its own server setup type
export const FAMILIES: readonly SystemFamily<any>[] = [hazelcastFamily];

export const DEFAULT_FAMILY = 'hazelcast';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see FAMILIES
export function familyByName(name: string = DEFAULT_FAMILY): SystemFamily<any> {
  const f = FAMILIES.find((x) => x.name === name);
  if (!f) throw new Error(`unknown system family "${name}" (known: ${FAMILIES.map((x) => x.name).join(', ')})`);
  return f;
}
