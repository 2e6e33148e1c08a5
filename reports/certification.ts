// certification.json: which requirements a client meets, cell by cell. Shape (stable, documented
// in the README): { system, serverVersion, client: { name, version, driver }, suiteVersion, matrixFingerprint,
// totals, requirements: [ { id, title, source, status, reason, cells: [ { id, name, parameters,
// expected, observed, status, reason? } ] } ], findings }. A cell's id is its stable id (what
// `secmatrix diff` matches two reports by). Requirement status: see rollup.ts.
import type { CellResult, CellStatus, ExpectedOutcome, Outcome, SourceRef } from '../harness/core/plan/cell.ts';
import { countStatuses, rollUp, rollUpReason, type StatusCounts } from './rollup.ts';
import { scrub, secretsOf, type ServerSecrets } from './secrets.ts';
import { clientDefaultFindings, type Finding } from './findings.ts';

export interface RunInfo {
  /** e.g. 'Hazelcast' */
  system: string;
  /** Server version, or a label of the target (e.g. 'reference-member 5.5 protocol'). */
  serverVersion: string;
  client: ClientInfo;
  suiteVersion: string;
  matrixFingerprint: string;
  /** Further literal secrets to keep out of every output (e.g. key store passwords). */
  secrets?: string[];
  /** The literal secrets of a cell's server setup (the family's SystemFamily.serverSecrets). */
  serverSecrets?: ServerSecrets;
}

/** The client certified: name and version; for adapters also its language and the adapter's own version. */
export interface ClientInfo {
  name: string;
  version: string;
  language?: string;
  /** The adapter (registry name or executable path); absent for the in-process driver. */
  adapter?: string;
  adapterVersion?: string;
}

export interface CertificationCell {
  /** The stable cell id, e.g. 'HZ-TLS-001/memberProtocol=TLSv1.2,clientVersion=TLSv1.3'. */
  id: string;
  name: string;
  parameters: Record<string, string>;
  expected: ExpectedOutcome;
  observed: Outcome;
  status: CellStatus;
  /** Why the cell failed or is not applicable (absent when it passed). */
  reason?: string;
  /** The declared deviation covering the cell (stale when status is passed). */
  deviation?: string;
}

export interface CertificationRequirement {
  id: string;
  title: string;
  source: SourceRef;
  status: CellStatus;
  reason: string;
  cells: CertificationCell[];
}

export interface Certification {
  system: string;
  serverVersion: string;
  client: ClientInfo;
  suiteVersion: string;
  matrixFingerprint: string;
  totals: { cells: number; requirements: number } & { cellStatus: StatusCounts; requirementStatus: StatusCounts };
  requirements: CertificationRequirement[];
  /** Insecure (and documented) client defaults seen in the default-configuration cells. */
  findings: Finding[];
}

/** Results grouped by requirement, in the order requirements first appear. */
export function byRequirement(results: readonly CellResult[]): Map<string, CellResult[]> {
  const groups = new Map<string, CellResult[]>();
  for (const r of results) {
    const list = groups.get(r.cell.requirementId) ?? [];
    list.push(r);
    groups.set(r.cell.requirementId, list);
  }
  return groups;
}

export function buildCertification(results: readonly CellResult[], run: RunInfo): Certification {
  const requirements: CertificationRequirement[] = [...byRequirement(results)].map(([id, rs]) => ({
    id,
    title: rs[0]!.cell.requirementTitle,
    source: rs[0]!.cell.source,
    status: rollUp(rs.map((r) => r.status)),
    reason: rollUpReason(rs),
    cells: rs.map((r) => ({
      id: r.cell.id,
      name: r.cell.name,
      parameters: r.cell.parameters,
      expected: r.cell.expected,
      observed: r.observed,
      status: r.status,
      ...(r.reason && r.status !== 'passed' ? { reason: r.reason } : {}),
      ...(r.deviation ? { deviation: r.deviation } : {}),
    })),
  }));
  const scrubbed = scrub(
    { system: run.system, serverVersion: run.serverVersion, client: run.client, suiteVersion: run.suiteVersion, matrixFingerprint: run.matrixFingerprint, requirements },
    secretsOf(results, run.secrets, run.serverSecrets),
  );
  // Totals are counts we compute (no secrets); they bypass redactObject, whose key pattern
  // /pass(word)?/ would also hide a field named "passed".
  const totals: Certification['totals'] = {
    cells: results.length,
    requirements: requirements.length,
    cellStatus: countStatuses(results.map((r) => r.status)),
    requirementStatus: countStatuses(requirements.map((r) => r.status)),
  };
  return {
    system: scrubbed.system,
    serverVersion: scrubbed.serverVersion,
    client: scrubbed.client,
    suiteVersion: scrubbed.suiteVersion,
    matrixFingerprint: scrubbed.matrixFingerprint,
    totals,
    requirements: scrubbed.requirements,
    findings: clientDefaultFindings(results),
  };
}
