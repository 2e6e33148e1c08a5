// Container tests need an engine. Where none exists they skip with the reason; with CI=true a
// missing engine is a failure (DESIGN.md rule 4: a missing service must not hide in CI).
import { engineUnavailable } from '../../../harness/core/containers/engine.ts';

export const NO_ENGINE: string | undefined = await engineUnavailable();

if (NO_ENGINE && process.env['CI'] === 'true') {
  throw new Error(`CI=true and no container engine: ${NO_ENGINE}`);
}

export const engineSkipReason = NO_ENGINE ? `no container engine here (${NO_ENGINE})` : '';
