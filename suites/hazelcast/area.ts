// Wires a Hazelcast area's suite: the Hazelcast family and the client registry, handed to core's
// suite generator (harness/core/suite/area-suite.ts), which imports neither.
import { createClient, DEFAULT_CLIENT } from '../../harness/clients/registry.ts';
import { defineAreaSuite, type AreaServices } from '../../harness/core/suite/area-suite.ts';
import { hazelcastFamily } from '../../harness/hazelcast/family.ts';
import type { HazelcastArea } from '../../harness/hazelcast/model.ts';

export function hazelcastArea(area: HazelcastArea, services?: AreaServices): void {
  defineAreaSuite({
    family: hazelcastFamily,
    area,
    createClient: (name) => createClient(name ?? DEFAULT_CLIENT[hazelcastFamily.name]!),
    defaultClient: DEFAULT_CLIENT[hazelcastFamily.name]!,
    ...(services ? { services } : {}),
  });
}
