// The oracle must be independent of the reference member (DESIGN.md, rule 2): no module it
// reaches through its imports may live under harness/hazelcast/reference-member/.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s*['"]([^'"]+)['"]/g;

function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((spec) => spec.startsWith('.') || spec.startsWith('/'))
    .map((spec) => resolve(dirname(file), spec));
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...localImports(f));
  }
  return seen;
}

describe('oracle independence', () => {
  it('nothing the oracle imports, directly or not, is under harness/hazelcast/reference-member/', () => {
    const files = [...reachable(resolve(ROOT, 'harness/hazelcast/oracle/index.ts'))].map((f) => relative(ROOT, f));
    expect(files).toContain('harness/hazelcast/oracle/oracle.ts');
    expect(files.filter((f) => f.startsWith('harness/hazelcast/reference-member/'))).toEqual([]);
  });
  it('the scan sees imports (it would catch one)', () => {
    const imports = localImports(resolve(ROOT, 'harness/hazelcast/oracle/oracle.ts')).map((f) => relative(ROOT, f));
    expect(imports).toContain('harness/core/oracle/versions.ts');
  });
});
