// The registry of system families: what `secmatrix run` and the suites choose from. A new family
// (harness/<name>/family.ts) is added here, and nowhere in core. Kept light: the CLI reads names
// and areas for its help text; a family's code loads only when it runs.
import type { SystemFamily } from './core/family.ts';
import { HAZELCAST_AREAS, HAZELCAST_SYSTEM } from './hazelcast/model.ts';

export interface FamilyInfo {
  name: string;
  system: string;
  areas: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each family has its own server setup type
  load(): Promise<SystemFamily<any>>;
}

export const FAMILIES: readonly FamilyInfo[] = [
  { name: 'hazelcast', system: HAZELCAST_SYSTEM, areas: HAZELCAST_AREAS, load: async () => (await import('./hazelcast/family.ts')).hazelcastFamily },
];

export const DEFAULT_FAMILY = 'hazelcast';

export function familyInfo(name: string = DEFAULT_FAMILY): FamilyInfo {
  const f = FAMILIES.find((x) => x.name === name);
  if (!f) throw new Error(`unknown system family "${name}" (known: ${FAMILIES.map((x) => x.name).join(', ')})`);
  return f;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see FamilyInfo.load
export function familyByName(name: string = DEFAULT_FAMILY): Promise<SystemFamily<any>> {
  return familyInfo(name).load();
}
