// What `secmatrix run` tells the suites (they run in vitest workers): provided once by the run
// (vitest's provide) and injected in the workers, with the cells already expanded, so a worker
// neither re-reads the matrices nor matches results back by name. Run alone
// (`vitest --project suites`), the suites' global setup (suites/global-setup.ts) provides the same.
import { inject } from 'vitest';
import type { Area, Cell } from '../plan/cell.ts';

export interface SuiteRunOptions {
  /** manifest.json of the PKI set built for this run. */
  pkiManifest: string;
  /** Where rendered member configurations go (a temp dir of the run). */
  workDir: string;
  target: string;
  /** The client driver's registry name (--client); absent = the family's default. */
  client?: string | undefined;
  /** Container target: "reference" or a Hazelcast Enterprise version; external: a label for reports. */
  serverVersion?: string | undefined;
  members?: number | undefined;
  memberImage?: string | undefined;
  referenceImage?: string | undefined;
  externalAddress?: string | undefined;
  externalConfig?: string | undefined;
  /** Embedded target: the reference member fault to switch on (selfcheck). */
  fault?: string | undefined;
  grep: string | undefined;
  areas: Area[] | undefined;
  /** Declared deviation files (the user's --deviations and the adapter's own), validated by the run. */
  deviations?: string[] | undefined;
  /** The run's cells (every area it runs), expanded once by the run. */
  cells: Cell[];
}

export const SUITE_OPTIONS_KEY = 'secmatrix';

declare module 'vitest' {
  interface ProvidedContext {
    secmatrix: SuiteRunOptions | undefined;
  }
}

/** The run's options; undefined when nothing provided them (the suites then skip, saying why). */
export function suiteOptions(): SuiteRunOptions | undefined {
  return inject(SUITE_OPTIONS_KEY);
}
