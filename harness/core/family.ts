// The family seam: everything core needs to know about a system (Hazelcast, CQL, ...). A family
// states its areas and requirements (matrices/<name>/), expands them into cells with its own server
// setup type M, computes expectations with its oracle, renders server configurations and starts
// targets. Core (plan, suite, run, reports) works through this interface only; the families are
// listed in harness/families.ts.
import type { Area, Cell, Check, ClientSetup, ExpectedOutcome } from './plan/cell.ts';
import type { PkiManifest } from '../../pki/types.ts';
import type { TargetProvider } from './target.ts';

/** What selects and shapes a target beyond its name (from `secmatrix run` flags). */
export interface TargetOptions {
  /** Container target: "reference" or a server version (e.g. a Hazelcast Enterprise version). */
  serverVersion?: string;
  members?: number;
  /** Server versions in containers: the image repository (a mirror). */
  memberImage?: string;
  /** The reference member image to run (set by the run after building it for this tree). */
  referenceImage?: string;
  /** External target: host:port of the running cluster and its configuration file. */
  externalAddress?: string;
  externalConfig?: string;
}

/** The oracle's verdict for one cell's sides: the expected outcome and each check's expectation. */
export interface FamilyVerdict {
  expected: ExpectedOutcome;
  checkExpectations: Record<string, 'granted' | 'denied'>;
}

export interface SystemFamily<M = unknown> {
  /** Short name: the folders matrices/<name>/ and suites/<name>/, and --system. */
  readonly name: string;
  /** The system as reports name it (Allure parent suite, certification), e.g. 'Hazelcast'. */
  readonly system: string;
  /** Every requirement id of the family starts with it, e.g. 'HZ-'. */
  readonly idPrefix: string;
  /** The family's areas in their canonical order; --only takes these names. */
  readonly areas: readonly Area[];
  /** Target names --target takes; the first is the default. */
  readonly targetNames: readonly string[];
  /** Every cell of the given areas (all when absent), filtered by grep; throws MatrixError on bad data. */
  expand(areas?: readonly Area[], grep?: string): Cell<M>[];
  /** Stable hash of the family's matrix data, for reports. */
  matrixFingerprint(): string;
  /** The oracle: what a server setup and a client setup lead to (used by expand). */
  expect(sides: { member: M; client: ClientSetup; checks: Omit<Check, 'expect'>[] }): FamilyVerdict;
  /** The renderer: the server's configuration files (file name → text) for a setup. */
  render(member: M, ctx: { pki: PkiManifest; port: number }): Record<string, string>;
  /** Starts servers for setups; throws for an unknown name or missing options. */
  createTarget(name: string, options: TargetOptions): TargetProvider<M, unknown>;
  /** PKI artifact ids the server side of a setup uses (certificate summaries). */
  serverArtifacts(member: M): string[];
  /** Literal secrets in a server setup (passwords, tokens), redacted from every output. */
  serverSecrets(member: M): string[];
}
