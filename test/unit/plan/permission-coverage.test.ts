// The permissions matrix against the seed's own list (hazelcast-client-security-permissions.txt,
// "The following is the list of client permissions"): every permission type and every action the
// seed names has a cell where it is granted and one where it is withheld. The list is read from
// the seed text here, not from the matrix or the catalogue, so a pair dropped from the matrix fails.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_OPERATIONS } from '../../../harness/clients/node-client/operations.ts';
import { expandMatrices, loadMatrices, pairChecks } from '../../../harness/hazelcast/plan/index.ts';

// The specification lives in ../shared/seeds beside the checkout (CI and team machines); a copy
// kept in test/fixtures serves a clone without it, and must not drift from the original.
const SEED_NAME = 'hazelcast-client-security-permissions.txt';
const SHARED_SEED = join(import.meta.dirname, '../../../../shared/seeds', SEED_NAME);
const FIXTURE_SEED = join(import.meta.dirname, '../../fixtures/seeds', SEED_NAME);
const SEED = existsSync(SHARED_SEED) ? SHARED_SEED : FIXTURE_SEED;

/**
 * The seed's XML examples spell two elements differently from the member's configuration schema
 * (hazelcast-config-5.x.xsd): the matrix uses the schema's names, which the real member accepts.
 */
const SCHEMA_NAME: Record<string, string> = {
  'ringbuffer-permission': 'ring-buffer-permission',
  'scheduled-executor-service-permission': 'scheduled-executor-permission',
};

interface SeedType {
  heading: string;
  element: string;
  actions: string[];
}

function seedTypes(): SeedType[] {
  const text = readFileSync(SEED, 'utf8');
  const list = text.slice(text.indexOf('The following is the list of client permissions'));
  const types: SeedType[] = [];
  let heading = '';
  let actions: string[] = [];
  for (const line of list.split('\n')) {
    const h = /^([A-Z][A-Za-z ]*Permission):$/.exec(line.trim());
    if (h) {
      heading = h[1]!;
      actions = [];
      continue;
    }
    const a = /^Actions:\s*(.+)$/.exec(line.trim());
    if (a) actions = a[1]!.split(',').map((s) => s.trim());
    const e = /^<([a-z-]+-permissions?)[\s>]/.exec(line.trim());
    if (e && heading) {
      types.push({ heading, element: SCHEMA_NAME[e[1]!] ?? e[1]!, actions });
      heading = '';
    }
  }
  return types;
}

describe('permissions matrix covers the seed', () => {
  const types = seedTypes();
  const cells = expandMatrices(['permissions']);
  const covered = new Set(cells.map((c) => `${c.parameters['permission']}|${c.parameters['action'] ?? ''}|${c.parameters['side']}`));

  it.runIf(existsSync(SHARED_SEED))('the fixture copy of the seed is the seed', () => {
    expect(readFileSync(FIXTURE_SEED, 'utf8')).toBe(readFileSync(SHARED_SEED, 'utf8'));
  });

  it('reads the seed list: 26 permission types, 123 type/action pairs', () => {
    expect(types).toHaveLength(26);
    expect(types.reduce((n, t) => n + t.actions.length, 0)).toBe(123);
  });

  for (const t of seedTypes()) {
    const actions = t.actions.length ? t.actions : [''];
    for (const action of actions) {
      it(`${t.element} ${action || '(no actions)'}: a granted and a withheld cell`, () => {
        const missing = ['granted', 'withheld'].filter((side) => !covered.has(`${t.element}|${action}|${side}`));
        expect(missing, `${t.heading}: no cell for ${missing.join(' / ')}`).toEqual([]);
      });
    }
  }

  it('every permission cell names its permission element and action', () => {
    for (const c of cells) {
      expect(typeof c.parameters['permission'], c.id).toBe('string');
      expect(typeof c.parameters['action'], c.id).toBe('string');
    }
  });
});

// Listing a pair is not enough: some shipped client must be able to run the operations of its
// cell, or the pair is only ever "not applicable". The Node client's operations are its driver's
// registry; the Java adapter declares its own in capabilities.json (what it answers at hello).
const JAVA_CAPABILITIES = join(import.meta.dirname, '../../../harness/clients/adapters/hazelcast-java/capabilities.json');

function shippedClients(): Record<string, Set<string>> {
  const java = JSON.parse(readFileSync(JAVA_CAPABILITIES, 'utf8')) as { capabilities: string[] };
  return {
    'hazelcast-node': new Set(Object.keys(NODE_OPERATIONS)),
    'hazelcast-java': new Set(java.capabilities.filter((c) => c.startsWith('op:')).map((c) => c.slice(3))),
  };
}

describe('every permission pair is exercised by a shipped client', () => {
  const catalogue = loadMatrices().catalogue.permissionCatalogue!;
  const clients = shippedClients();
  const pairs = seedTypes().flatMap((t) => (t.actions.length ? t.actions : ['']).map((action) => ({ element: t.element, action })));

  it('reads 127 pairs (123 type/action pairs and the 4 types without actions)', () => {
    expect(pairs).toHaveLength(127);
  });

  for (const { element, action } of pairs) {
    it(`${element} ${action || '(no actions)'}: some shipped client runs its cell's operations`, () => {
      const ops = pairChecks(catalogue, element, action, 'granted').map((c) => c.operation);
      const able = Object.entries(clients)
        .filter(([, supported]) => ops.every((op) => supported.has(op)))
        .map(([name]) => name);
      expect(able, `no shipped client runs ${ops.join(', ')}`).not.toEqual([]);
    });
  }

  it('the 33 pairs the Node client has no API for are run by the Java adapter', () => {
    const javaOnly = pairs.filter(({ element, action }) => {
      const ops = pairChecks(catalogue, element, action, 'granted').map((c) => c.operation);
      return !ops.every((op) => clients['hazelcast-node']!.has(op)) && ops.every((op) => clients['hazelcast-java']!.has(op));
    });
    expect(javaOnly).toHaveLength(33);
  });
});
