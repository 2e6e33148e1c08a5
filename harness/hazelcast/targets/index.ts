import { ContainerTarget, REFERENCE_VERSION, isReferenceVersion } from './container.ts';
import { EmbeddedTarget } from './embedded.ts';
import { ExternalTarget } from './external.ts';
import type { TargetOptions } from '../../core/family.ts';
import type { HazelcastTarget } from './target.ts';

export type { StartedTarget, TargetProvider, TargetServices, HazelcastTarget } from './target.ts';

export const TARGET_NAMES = ['embedded', 'container', 'external'] as const;

export type { TargetOptions } from '../../core/family.ts';

export function createTarget(name: string, o: TargetOptions = {}): HazelcastTarget {
  if (o.fault && name !== 'embedded') throw new Error(`a fault can be injected into the embedded reference member only, not the ${name} target`);
  switch (name) {
    case 'embedded':
      return new EmbeddedTarget(o.fault ? { fault: o.fault } : {});
    case 'container':
      return new ContainerTarget({
        serverVersion: o.serverVersion ?? REFERENCE_VERSION,
        ...(o.members ? { members: o.members } : {}),
        // "reference@TAG" names its own image (the target resolves it); "reference" runs the run's build.
        ...((o.serverVersion ?? REFERENCE_VERSION) === REFERENCE_VERSION ? (o.referenceImage ? { image: o.referenceImage } : {}) : isReferenceVersion(o.serverVersion!) ? {} : o.memberImage ? { image: o.memberImage } : {}),
        ...(process.env['SECMATRIX_CONTAINER_NETWORK'] === 'bridge' ? { network: 'bridge' as const } : {}),
      });
    case 'external':
      if (!o.externalAddress || !o.externalConfig) throw new Error('the external target needs --external-address HOST:PORT and --external-config FILE (the running cluster\'s member configuration)');
      return new ExternalTarget({ address: o.externalAddress, configFile: o.externalConfig, ...(o.serverVersion ? { serverVersion: o.serverVersion } : {}) });
    default:
      throw new Error(`unknown target "${name}" (known: ${TARGET_NAMES.join(', ')})`);
  }
}
