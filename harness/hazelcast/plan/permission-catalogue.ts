// Reads matrices/permission-catalogue.yaml: which permission each client operation needs (with
// where that mapping comes from), which operation exercises each (permission type, action) pair,
// and the member policies of the permissions area. Kept apart from load.ts so this vocabulary
// grows without touching the other areas' loader. Also derives the per-pair policy entries and
// checks, so the member configuration and the cells are made from the same data.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Check } from '../../core/plan/cell.ts';
import type { ClientPermission } from '../model.ts';
import { MatrixError } from '../../core/plan/matrix-error.ts';

export const PERMISSION_CATALOGUE_FILE = 'permission-catalogue.yaml';

/** One permission a request needs: element, action ('' for types without actions), object. */
export interface PermissionNeed {
  element: string;
  action: string;
  /** Object name template; {name} = the object the check names. Absent = that object. */
  object?: string;
}

export interface OperationSpec {
  name: string;
  /** What the operation's own message task checks. */
  requires: PermissionNeed;
  /** What the client sends first (proxy creation, a read before a write). */
  prerequisites: PermissionNeed[];
  /** Where the mapping comes from (Hazelcast sources, client sources). */
  source: string;
}

export interface PermissionTypeSpec {
  element: string;
  /** Heading of the type in the seed (e.g. "Map Permission"). */
  seed: string;
  /** Grants apply to every object (no name in the permission class). */
  unnamed: boolean;
  /** Action → the operations a check of that pair runs; undefined for types without actions. */
  actions?: Record<string, string[]>;
  /** For types without actions: the operation that needs the permission. */
  operation?: string;
  /**
   * How requests name the pair's object when it is not the object the client names ({name} = the
   * client's name), e.g. "/hz/{name}" for caches: the per-pair entries name that.
   */
  object?: string;
}

export interface PermissionCatalogue {
  operations: Record<string, OperationSpec>;
  types: Record<string, PermissionTypeSpec>;
}

export type PairSide = 'granted' | 'withheld';
export const PAIR_SIDES: readonly PairSide[] = ['granted', 'withheld'];

type Obj = Record<string, unknown>;

function parseNeed(file: string, path: string, v: unknown): PermissionNeed {
  if (typeof v !== 'string' || v.length === 0) throw new MatrixError(file, path, 'expected "ELEMENT[:ACTION][@OBJECT]"');
  const m = /^([a-z-]+)(?::([a-z-]+))?(?:@(.+))?$/.exec(v);
  if (!m) throw new MatrixError(file, path, `"${v}" is not ELEMENT[:ACTION][@OBJECT]`);
  return { element: m[1]!, action: m[2] ?? '', ...(m[3] ? { object: m[3] } : {}) };
}

/** Short form of an element for object names: map-permission → map, all-permissions → all. */
export function shortType(element: string): string {
  return element === 'all-permissions' ? 'all' : element.replace(/-permission$/, '');
}

/** The part of the catalogue the permission catalogue fills in (its operations and its policies). */
export interface PermissionCatalogueTarget {
  permissionSets: Record<string, ClientPermission[]>;
  permissionCatalogue?: PermissionCatalogue;
}

export function loadPermissionCatalogue(dir: string, catalogue: PermissionCatalogueTarget, raw: Record<string, unknown>): void {
  const file = join(dir, PERMISSION_CATALOGUE_FILE);
  if (!existsSync(file)) return;
  let doc: Obj;
  try {
    doc = parseYaml(readFileSync(file, 'utf8')) as Obj;
  } catch (err) {
    throw new MatrixError(file, '', `not valid YAML: ${(err as Error).message}`);
  }
  raw[PERMISSION_CATALOGUE_FILE] = doc;
  const obj = (v: unknown, path: string): Obj => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new MatrixError(file, path, 'expected a mapping');
    return v as Obj;
  };
  const str = (v: unknown, path: string): string => {
    if (typeof v !== 'string' || v.length === 0) throw new MatrixError(file, path, 'expected a non-empty string');
    return v;
  };

  const operations: Record<string, OperationSpec> = {};
  for (const [name, o] of Object.entries(obj(doc['operations'], 'operations'))) {
    const path = `operations.${name}`;
    const op = obj(o, path);
    for (const k of Object.keys(op)) if (!['requires', 'prerequisites', 'source'].includes(k)) throw new MatrixError(file, path, `unknown key "${k}"`);
    const pre = op['prerequisites'] ?? [];
    if (!Array.isArray(pre)) throw new MatrixError(file, `${path}.prerequisites`, 'expected a list');
    operations[name] = {
      name,
      requires: parseNeed(file, `${path}.requires`, op['requires']),
      prerequisites: pre.map((p, i) => parseNeed(file, `${path}.prerequisites[${i}]`, p)),
      source: str(op['source'], `${path}.source`),
    };
  }
  const knownOp = (name: unknown, path: string): string => {
    const n = str(name, path);
    if (!operations[n]) throw new MatrixError(file, path, `"${n}" is not an operation of this file`);
    return n;
  };

  const types: Record<string, PermissionTypeSpec> = {};
  for (const [element, t] of Object.entries(obj(doc['types'], 'types'))) {
    const path = `types.${element}`;
    const spec = obj(t, path);
    const type: PermissionTypeSpec = { element, seed: str(spec['seed'], `${path}.seed`), unnamed: spec['unnamed'] === true };
    if (spec['object'] !== undefined) type.object = str(spec['object'], `${path}.object`);
    if (spec['actions'] !== undefined) {
      type.actions = {};
      for (const [action, ops] of Object.entries(obj(spec['actions'], `${path}.actions`))) {
        const list = Array.isArray(ops) ? ops : [ops];
        type.actions[action] = list.map((o, i) => knownOp(o, `${path}.actions.${action}[${i}]`));
      }
    } else {
      type.operation = knownOp(spec['operation'], `${path}.operation`);
    }
    types[element] = type;
  }
  const permissionCatalogue: PermissionCatalogue = { operations, types };
  catalogue.permissionCatalogue = permissionCatalogue;

  for (const [name, p] of Object.entries(obj(doc['policies'] ?? {}, 'policies'))) {
    const path = `policies.${name}`;
    const policy = obj(p, path);
    const entries: ClientPermission[] = [];
    if (policy['perPair'] !== undefined) {
      const principal = str(obj(policy['perPair'], `${path}.perPair`)['principal'], `${path}.perPair.principal`);
      entries.push(...perPairEntries(permissionCatalogue, principal));
    }
    const list = policy['entries'] ?? [];
    if (!Array.isArray(list)) throw new MatrixError(file, `${path}.entries`, 'expected a list');
    list.forEach((e, i) => {
      const at = `${path}.entries[${i}]`;
      const entry = obj(e, at);
      for (const k of Object.keys(entry)) if (!['element', 'name', 'principal', 'endpoints', 'actions'].includes(k)) throw new MatrixError(file, at, `unknown key "${k}"`);
      const strings = (k: string) => {
        const v = entry[k];
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new MatrixError(file, `${at}.${k}`, 'expected a list of strings');
        return v as string[];
      };
      entries.push({
        element: str(entry['element'], `${at}.element`),
        ...(entry['name'] !== undefined ? { name: str(entry['name'], `${at}.name`) } : {}),
        ...(entry['principal'] !== undefined ? { principal: str(entry['principal'], `${at}.principal`) } : {}),
        ...(entry['endpoints'] !== undefined ? { endpoints: strings('endpoints') } : {}),
        ...(entry['actions'] !== undefined ? { actions: strings('actions') } : {}),
      });
    });
    if (catalogue.permissionSets[name]) throw new MatrixError(file, path, `permission set ${name} is also defined in defaults.yaml`);
    catalogue.permissionSets[name] = entries;
  }
}

/** The object a pair's checks name: p.TYPE.ACTION.SIDE (p.TYPE.SIDE for types without actions). */
export function pairObject(element: string, action: string, side: PairSide): string {
  return action ? `p.${shortType(element)}.${action}.${side}` : `p.${shortType(element)}.${side}`;
}

export function resolveNeed(need: PermissionNeed, objectName: string): { element: string; action: string; name: string } {
  return { element: need.element, action: need.action, name: need.object ? need.object.replaceAll('{name}', objectName) : objectName };
}

function pairOperations(cat: PermissionCatalogue, element: string, action: string): string[] {
  const type = cat.types[element];
  if (!type) throw new Error(`permission catalogue has no type ${element}`);
  if (!action) {
    if (!type.operation) throw new Error(`${element} has actions; name one`);
    return [type.operation];
  }
  const ops = type.actions?.[action];
  if (!ops) throw new Error(`permission catalogue has no action ${action} for ${element}`);
  return ops;
}

/** The checks of a pair cell (expect is filled in by the oracle). */
export function pairChecks(cat: PermissionCatalogue, element: string, action: string, side: PairSide): Omit<Check, 'expect'>[] {
  const objectName = pairObject(element, action, side);
  return pairOperations(cat, element, action).map((operation) => ({ id: `${operation}@${objectName}`, operation, objectName }));
}

/** Accumulates actions per (element, name), in first-seen order. */
class EntrySet {
  private readonly map = new Map<string, ClientPermission & { actions: string[] }>();
  add(element: string, name: string, principal: string, actions: string[]): void {
    const key = `${element}\u0000${name}`;
    let e = this.map.get(key);
    if (!e) {
      e = { element, name, principal, actions: [] };
      this.map.set(key, e);
    }
    for (const a of actions) if (a && !e.actions.includes(a)) e.actions.push(a);
  }
  entries(): ClientPermission[] {
    return [...this.map.values()].filter((e) => e.actions.length > 0);
  }
}

/**
 * Per-pair entries for one principal. For (type T, action A) on object O:
 * - granted: A on O, plus every prerequisite of the pair's operations (proxy creation, a read the
 *   client sends first, the reliable topic's ring buffer) — but not the operation's own required
 *   permission unless it is A: an action no request checks then shows as still denied;
 * - withheld: every other action of T on O, plus the prerequisites and the operation's own
 *   requirement when it is not A on O — so only A is missing.
 * For `all`: granted = all on O; withheld = all on another type's object of the same name.
 * Unnamed types get only the granted side (name "*"): their withheld side is another principal.
 */
export function perPairEntries(cat: PermissionCatalogue, principal: string): ClientPermission[] {
  const set = new EntrySet();
  for (const type of Object.values(cat.types)) {
    if (!type.actions) continue;
    const typeActions = Object.keys(type.actions).filter((a) => a !== 'all');
    for (const action of Object.keys(type.actions)) {
      for (const side of PAIR_SIDES) {
        if (type.unnamed && side === 'withheld') continue;
        const clientName = pairObject(type.element, action, side);
        const o = type.unnamed ? '*' : type.object ? type.object.replaceAll('{name}', clientName) : clientName;
        const ops = pairOperations(cat, type.element, action).map((n) => cat.operations[n]!);
        const onTested = (need: { element: string; name: string }) => need.element === type.element && need.name === o;
        if (action === 'all') {
          const decoy = type.element === 'map-permission' ? 'queue-permission' : 'map-permission';
          set.add(side === 'granted' ? type.element : decoy, o, principal, ['all']);
          for (const op of ops) {
            for (const need of [...op.prerequisites, op.requires].map((n) => resolveNeed(n, type.unnamed ? o : clientName))) {
              if (!onTested(need)) set.add(need.element, need.name, principal, [need.action]);
            }
          }
          continue;
        }
        if (side === 'granted') set.add(type.element, o, principal, [action]);
        else set.add(type.element, o, principal, typeActions.filter((a) => a !== action));
        for (const op of ops) {
          for (const need of op.prerequisites.map((n) => resolveNeed(n, type.unnamed ? o : clientName))) {
            if (side === 'withheld' && onTested(need) && need.action === action) continue;
            set.add(need.element, need.name, principal, [need.action]);
          }
          const main = resolveNeed(op.requires, type.unnamed ? o : clientName);
          if (side === 'withheld' && !(onTested(main) && main.action === action)) set.add(main.element, main.name, principal, [main.action]);
        }
      }
    }
  }
  return set.entries();
}
