// `secmatrix diff OLD NEW`: what changed between two runs (two nights, two server versions, two
// clients). Each side is a report directory: its certification.json, or — for a run over several
// server versions or clients — one certification.json per subdirectory, paired by relative path.
// Cells are matched by their stable id; a cell counts as changed when its status, its observed
// outcome or its expectation differs. Regressions (a cell that now fails and did not before) decide
// the exit status, so a pipeline can gate on them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CellStatus, ExpectedOutcome, Outcome } from '../harness/core/plan/cell.ts';
import type { Certification, CertificationCell } from './certification.ts';

/** In the order a reader wants them: what broke first. */
export const CHANGE_KINDS = ['regression', 'fix', 'changed', 'new', 'removed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_TITLES: Record<ChangeKind, string> = {
  regression: 'Regressions (now failed)',
  fix: 'Fixes (failed → passed)',
  changed: 'Other changes (status, observed or expected outcome)',
  new: 'New cells',
  removed: 'Removed cells',
};

export interface CellSide {
  status: CellStatus;
  observed: Outcome;
  expected: ExpectedOutcome;
  reason?: string;
}

export interface CellChange {
  kind: ChangeKind;
  id: string;
  requirementId: string;
  requirementTitle: string;
  name: string;
  parameters: Record<string, string>;
  old?: CellSide;
  new?: CellSide;
  /** What differs, e.g. ['status', 'observed']. Empty for new and removed cells. */
  differs: Array<'status' | 'observed' | 'expected'>;
}

export interface ReportSummary {
  /** The certification.json read. */
  file: string;
  serverVersion: string;
  client: { name: string; version: string };
  suiteVersion: string;
  matrixFingerprint: string;
  cells: number;
}

export interface Comparison {
  /** Relative directory of the pair ('' for the report directory itself), e.g. '5.5.0'. */
  key: string;
  old?: ReportSummary;
  new?: ReportSummary;
  counts: Record<ChangeKind | 'unchanged', number>;
  /** Grouped by kind (CHANGE_KINDS order), then by requirement, in the order requirements appear. */
  changes: CellChange[];
  notes: string[];
}

export interface ReportDiff {
  oldDir: string;
  newDir: string;
  comparisons: Comparison[];
  counts: Record<ChangeKind | 'unchanged', number>;
  /** True when any cell regressed: the command's exit status is then non-zero. */
  regression: boolean;
}

export class DiffInputError extends Error {
  override name = 'DiffInputError';
}

const SKIP_DIRS = new Set(['allure-report', 'allure-results', 'node_modules']);

/** certification.json files of a report directory, by relative directory ('' = the directory itself). */
export function findCertifications(dir: string, maxDepth = 3): Map<string, string> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new DiffInputError(`${dir} is not a directory`);
  const found = new Map<string, string>();
  const walk = (d: string, depth: number) => {
    const file = join(d, 'certification.json');
    if (existsSync(file)) {
      found.set(relative(root, d), file);
      return;
    }
    if (depth >= maxDepth) return;
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(d, e.name), depth + 1);
    }
  };
  walk(root, 0);
  if (found.size === 0) throw new DiffInputError(`no certification.json in ${dir} (nor in its subdirectories): is it a secmatrix report directory?`);
  return found;
}

export function readCertification(file: string): Certification {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DiffInputError(`${file}: not readable JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const c = data as Partial<Certification>;
  if (!c || typeof c !== 'object' || !Array.isArray(c.requirements)) throw new DiffInputError(`${file}: not a certification report (no requirements list)`);
  for (const [i, r] of c.requirements.entries()) {
    if (typeof r?.id !== 'string' || !Array.isArray(r.cells)) throw new DiffInputError(`${file}: requirements[${i}] has no id or cells`);
    for (const [j, cell] of r.cells.entries()) {
      if (typeof cell?.name !== 'string' || typeof cell.status !== 'string' || !cell.observed)
        throw new DiffInputError(`${file}: requirements[${i}].cells[${j}] lacks name, status or observed`);
    }
  }
  return c as Certification;
}

interface FlatCell {
  key: string;
  requirementId: string;
  requirementTitle: string;
  cell: CertificationCell;
}

function flatten(cert: Certification, byName: boolean): FlatCell[] {
  return cert.requirements.flatMap((r) =>
    r.cells.map((cell) => ({ key: byName || !cell.id ? `${r.id} :: ${cell.name}` : cell.id, requirementId: r.id, requirementTitle: r.title, cell })),
  );
}

/** Key-order independent equality of two JSON values. */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

const side = (c: CertificationCell): CellSide => ({ status: c.status, observed: c.observed, expected: c.expected, ...(c.reason ? { reason: c.reason } : {}) });

function summary(file: string, c: Certification): ReportSummary {
  return {
    file,
    serverVersion: c.serverVersion ?? '?',
    client: c.client ?? { name: '?', version: '?' },
    suiteVersion: c.suiteVersion ?? '?',
    matrixFingerprint: c.matrixFingerprint ?? '?',
    cells: c.requirements.reduce((n, r) => n + r.cells.length, 0),
  };
}

function kindOf(o: CellSide, n: CellSide): ChangeKind {
  if (n.status === 'failed' && o.status !== 'failed') return 'regression';
  if (o.status === 'failed' && n.status === 'passed') return 'fix';
  return 'changed';
}

const zero = (): Record<ChangeKind | 'unchanged', number> => ({ regression: 0, fix: 0, changed: 0, new: 0, removed: 0, unchanged: 0 });

/** Compares two certification reports cell by cell. */
export function compareCertifications(
  key: string,
  old: { file: string; cert: Certification } | undefined,
  now: { file: string; cert: Certification } | undefined,
): Comparison {
  const notes: string[] = [];
  const hasIds = (c: Certification | undefined) => !c || c.requirements.every((r) => r.cells.every((x) => typeof x.id === 'string'));
  // Reports written before cells carried their id: match by requirement and cell name instead.
  const byName = !hasIds(old?.cert) || !hasIds(now?.cert);
  if (byName) notes.push('a report without cell ids (written by an older secmatrix): cells matched by requirement and cell name');
  const before = old ? flatten(old.cert, byName) : [];
  const after = now ? flatten(now.cert, byName) : [];
  if (old && now) {
    if (old.cert.matrixFingerprint !== now.cert.matrixFingerprint)
      notes.push(`the matrices differ (fingerprint ${old.cert.matrixFingerprint} → ${now.cert.matrixFingerprint}): new and removed cells may come from that`);
    if (old.cert.serverVersion !== now.cert.serverVersion) notes.push(`server: ${old.cert.serverVersion} → ${now.cert.serverVersion}`);
    const client = (c: Certification) => `${c.client?.name} ${c.client?.version}`;
    if (client(old.cert) !== client(now.cert)) notes.push(`client: ${client(old.cert)} → ${client(now.cert)}`);
  }
  if (!old) notes.push(`only in the new report directory: every cell is new`);
  if (!now) notes.push(`only in the old report directory: every cell is removed`);
  const oldByKey = new Map(before.map((c) => [c.key, c]));
  const newKeys = new Set(after.map((c) => c.key));
  const changes: CellChange[] = [];
  const counts = zero();
  const base = (f: FlatCell) => ({
    id: f.cell.id ?? f.key,
    requirementId: f.requirementId,
    requirementTitle: f.requirementTitle,
    name: f.cell.name,
    parameters: f.cell.parameters ?? {},
  });
  for (const n of after) {
    const o = oldByKey.get(n.key);
    if (!o) {
      changes.push({ kind: 'new', ...base(n), new: side(n.cell), differs: [] });
      counts.new++;
      continue;
    }
    const differs: CellChange['differs'] = [];
    if (o.cell.status !== n.cell.status) differs.push('status');
    if (!sameJson(o.cell.observed, n.cell.observed)) differs.push('observed');
    if (!sameJson(o.cell.expected, n.cell.expected)) differs.push('expected');
    if (differs.length === 0) {
      counts.unchanged++;
      continue;
    }
    const kind = kindOf(side(o.cell), side(n.cell));
    changes.push({ kind, ...base(n), old: side(o.cell), new: side(n.cell), differs });
    counts[kind]++;
  }
  for (const o of before) {
    if (newKeys.has(o.key)) continue;
    changes.push({ kind: 'removed', ...base(o), old: side(o.cell), differs: [] });
    counts.removed++;
  }
  // Kinds first; within a kind, requirements in the order they first appear (new report, then old).
  const reqOrder = new Map<string, number>();
  for (const f of [...after, ...before]) if (!reqOrder.has(f.requirementId)) reqOrder.set(f.requirementId, reqOrder.size);
  const order = (c: CellChange) => CHANGE_KINDS.indexOf(c.kind) * 1e6 + (reqOrder.get(c.requirementId) ?? 0);
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order(a.c) - order(b.c) || a.i - b.i)
    .map((x) => x.c);
  return { key, ...(old ? { old: summary(old.file, old.cert) } : {}), ...(now ? { new: summary(now.file, now.cert) } : {}), counts, changes: sorted, notes };
}

/** Compares two report directories (each one report, or one per server version / client subdirectory). */
export function diffReportDirs(oldDir: string, newDir: string): ReportDiff {
  const olds = findCertifications(oldDir);
  const news = findCertifications(newDir);
  const comparisons: Comparison[] = [];
  // One report on each side: compare them, whatever their directories are called (two versions'
  // subdirectories given directly, e.g. `diff out/5.4.2 out/5.5.0`).
  if (olds.size === 1 && news.size === 1) {
    const [ok, of] = [...olds][0]!;
    const [nk, nf] = [...news][0]!;
    comparisons.push(
      compareCertifications(
        ok === nk ? nk : `${ok || '.'} → ${nk || '.'}`,
        { file: of, cert: readCertification(of) },
        { file: nf, cert: readCertification(nf) },
      ),
    );
  } else {
    const keys = [...new Set([...news.keys(), ...olds.keys()])];
    for (const k of keys) {
      const o = olds.get(k);
      const n = news.get(k);
      comparisons.push(
        compareCertifications(k, o ? { file: o, cert: readCertification(o) } : undefined, n ? { file: n, cert: readCertification(n) } : undefined),
      );
    }
  }
  const counts = zero();
  for (const c of comparisons) for (const k of Object.keys(counts) as Array<keyof typeof counts>) counts[k] += c.counts[k];
  return { oldDir: resolve(oldDir), newDir: resolve(newDir), comparisons, counts, regression: counts.regression > 0 };
}
