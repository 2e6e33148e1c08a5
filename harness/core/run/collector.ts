// A vitest reporter that collects each cell's record from task meta (written by the suites).
import type { Reporter, TestCase } from 'vitest/node';
import { META_KEY, type CellRecord } from '../suite/cell-record.ts';

export interface CollectedTest {
  name: string;
  file: string;
  state: string;
  record: CellRecord | undefined;
  errors: string[];
}

export class CellCollector implements Reporter {
  readonly tests: CollectedTest[] = [];
  readonly moduleErrors: string[] = [];

  onTestCaseResult(tc: TestCase): void {
    const result = tc.result();
    const meta = tc.meta() as Record<string, unknown>;
    this.tests.push({
      name: tc.name,
      file: tc.module.moduleId,
      state: result.state,
      record: meta[META_KEY] as CellRecord | undefined,
      errors: (result.errors ?? []).map((e) => e.message),
    });
  }

  onTestRunEnd(modules: ReadonlyArray<{ moduleId: string; errors(): ReadonlyArray<{ message: string }> }>, unhandledErrors: ReadonlyArray<unknown> = []): void {
    for (const m of modules) for (const e of m.errors()) this.moduleErrors.push(`${m.moduleId}: ${e.message}`);
    // An error no test caught (e.g. an EPIPE from a helper process) may have touched any cell: the
    // run must not pass over it.
    for (const e of unhandledErrors) this.moduleErrors.push(`unhandled error during the run: ${e instanceof Error ? e.message : (e as { message?: string })?.message ?? String(e)}`);
  }
}
