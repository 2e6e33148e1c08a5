// One cell, end to end: member for its configuration → client connection (or the live one of its
// identity) → checks → observed outcome → judged against the oracle's expectation.
import type { ClientSession } from '../../clients/driver.ts';
import type { Cell, Evidence, Outcome } from '../plan/cell.ts';
import type { RunContext } from './run-context.ts';

export interface CellRun {
  observed: Outcome;
  evidence: Evidence;
  durationMs: number;
  memberStarted: boolean;
  connectionOpened: boolean;
}

async function runChecks(cell: Cell, session: ClientSession, evidence: Evidence): Promise<Outcome | undefined> {
  const lines: string[] = [];
  let firstDenied: string | undefined;
  for (const check of cell.checks) {
    const r = await session.run(check);
    lines.push(`${check.id} (${check.operation} ${check.objectName}): ${r.result}${r.result === 'granted' ? '' : ` — ${r.message}`}`);
    if (r.result === 'error') {
      evidence['checks'] = lines.join('\n');
      return { kind: 'error', message: `check ${check.id} failed: ${r.message}` };
    }
    if (r.result === 'denied' && firstDenied === undefined) firstDenied = check.id;
  }
  if (lines.length) evidence['checks'] = lines.join('\n');
  return firstDenied === undefined ? undefined : { kind: 'access-denied', check: firstDenied };
}

export async function runCell(cell: Cell, ctx: RunContext): Promise<CellRun> {
  const started = performance.now();
  const before = { ...ctx.counters };
  const target = await ctx.memberFor(cell.member);
  const mark = target.evidence.mark();
  const attempt = await ctx.connect(target, cell.client);
  const evidence: Evidence = { ...attempt.evidence };
  let observed = attempt.outcome;
  if (attempt.session && observed.kind === 'connected') {
    observed = (await runChecks(cell, attempt.session, evidence)) ?? observed;
  }
  // Everything the member wrote for this cell, also what is still in transit from a container.
  await target.settle?.();
  evidence['member log'] = target.logSince(mark);
  return {
    observed,
    evidence,
    durationMs: performance.now() - started,
    memberStarted: ctx.counters.memberStarts > before.memberStarts,
    connectionOpened: ctx.counters.connections > before.connections,
  };
}
