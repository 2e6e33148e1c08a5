import { EmbeddedTarget } from './embedded.ts';
import type { TargetProvider } from './target.ts';

export type { StartedTarget, TargetProvider } from './target.ts';

export const TARGET_NAMES = ['embedded'] as const;

export function createTarget(name: string): TargetProvider {
  switch (name) {
    case 'embedded':
      return new EmbeddedTarget();
    default:
      throw new Error(`unknown target "${name}" (known: ${TARGET_NAMES.join(', ')}); container and external targets are not built yet`);
  }
}
