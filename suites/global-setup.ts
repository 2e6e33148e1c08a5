// Global setup of the `suites` project. Under `secmatrix run` the run has provided everything (its
// PKI, work dir, options and cells): nothing to do. Run alone (`npx vitest run --project suites`),
// it provides the same for the embedded target: a PKI set and a work dir in a temp dir (removed at
// the end) and every family's cells, expanded once here for all workers.
import type { TestProject } from 'vitest/node';
import { makeTempDir } from '../harness/core/util/tempdir.ts';
import { SUITE_OPTIONS_KEY } from '../harness/core/suite/run-options.ts';
import { FAMILIES } from '../harness/families.ts';
import { CQL_ENV, CQL_RUN_KEY } from '../harness/cql/run/suite.ts';
import { buildPki, defaultPkiRequest } from '../pki/index.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // The CQL run hands its suite the PKI and work dir itself (CQL_ENV, and it provides CQL_RUN_KEY):
  // nothing to make for it either (a second PKI and temp dir made here would also register a second
  // Ctrl-C handler in this process).
  const provided = project.getProvidedContext();
  if (provided[SUITE_OPTIONS_KEY] || provided[CQL_RUN_KEY] || process.env[CQL_ENV.pki]) return undefined;
  const work = await makeTempDir('suites');
  try {
    const pki = await buildPki(defaultPkiRequest(), { outDir: `${work.path}/pki` });
    const families = await Promise.all(FAMILIES.map((f) => f.load()));
    project.provide(SUITE_OPTIONS_KEY, {
      pkiManifest: pki.manifestPath,
      workDir: `${work.path}/members`,
      target: 'embedded',
      grep: undefined,
      areas: undefined,
      cells: families.flatMap((f) => f.expand()),
    });
  } catch (err) {
    await work.remove();
    throw err;
  }
  return () => work.remove();
}
