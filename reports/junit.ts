// junit.xml for CI systems: a testsuite per area, a testcase per cell; not applicable and skipped
// cells are <skipped> with their reason, failures carry expected vs observed and the evidence.
import { XMLBuilder } from 'fast-xml-parser';
import type { CellResult } from '../harness/core/plan/cell.ts';
import { describeOutcome } from '../harness/core/plan/outcome.ts';
import { scrub, secretsOf, type ServerSecrets } from './secrets.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, suppressBooleanAttributes: false, suppressEmptyNode: true });

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function evidenceText(r: CellResult): string {
  return Object.entries(r.evidence ?? {}).map(([k, v]) => `--- ${k} ---\n${v}`).join('\n');
}

export function renderJunitXml(results: readonly CellResult[], suiteName = 'secmatrix', extraSecrets: readonly string[] = [], serverSecrets?: ServerSecrets): string {
  // Areas in the order the results come (the family's canonical order).
  const suites = [...new Set(results.map((r) => r.cell.area))].map((area) => results.filter((r) => r.cell.area === area))
    .filter((rs) => rs.length > 0)
    .map((rs) => {
      const area = rs[0]!.cell.area;
      return {
        '@_name': area,
        '@_tests': rs.length,
        '@_failures': rs.filter((r) => r.status === 'failed').length,
        '@_errors': 0,
        '@_skipped': rs.filter((r) => r.status === 'skipped' || r.status === 'not-applicable' || r.status === 'deviation').length,
        '@_time': seconds(rs.reduce((t, r) => t + r.durationMs, 0)),
        testcase: rs.map((r) => {
          const tc: Record<string, unknown> = {
            '@_classname': `${suiteName}.${area}.${r.cell.requirementId}`,
            '@_name': `${r.cell.id} — ${r.cell.name}`,
            '@_time': seconds(r.durationMs),
          };
          if (r.status === 'failed') {
            tc.failure = {
              '@_message': r.reason ?? `expected ${describeOutcome(r.cell.expected)}, observed ${describeOutcome(r.observed)}`,
              '@_type': 'ExpectationMismatch',
              '#text': `expected: ${describeOutcome(r.cell.expected)}\nbecause: ${r.cell.expected.because}\nobserved: ${describeOutcome(r.observed)}`,
            };
          } else if (r.status === 'deviation') {
            // A declared deviation is no pass (and not a new failure): skipped, with the declaration.
            tc.skipped = { '@_message': `deviation (declared): ${r.deviation ?? ''}; expected ${describeOutcome(r.cell.expected)}, observed ${describeOutcome(r.observed)}` };
          } else if (r.status === 'skipped' || r.status === 'not-applicable') {
            tc.skipped = { '@_message': `${r.status === 'not-applicable' ? 'not applicable' : 'skipped'}: ${r.reason ?? (r.observed.kind === 'not-applicable' ? r.observed.reason : '')}` };
          }
          const ev = evidenceText(r);
          if (ev) tc['system-out'] = ev;
          return tc;
        }),
      };
    });
  const doc = {
    testsuites: {
      '@_name': suiteName,
      '@_tests': results.length,
      '@_failures': results.filter((r) => r.status === 'failed').length,
      '@_errors': 0,
      '@_skipped': results.filter((r) => r.status === 'skipped' || r.status === 'not-applicable' || r.status === 'deviation').length,
      '@_time': seconds(results.reduce((t, r) => t + r.durationMs, 0)),
      testsuite: suites,
    },
  };
  const scrubbed = scrub(doc, secretsOf(results, extraSecrets, serverSecrets));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(scrubbed) as string}`;
}
