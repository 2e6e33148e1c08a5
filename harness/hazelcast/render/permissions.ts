// Client permissions as real configuration: every permission element (hazelcast-config-5.5.xsd
// element names, e.g. ring-buffer-permission, scheduled-executor-permission) in XML, and the
// YAML keys (the element name without "-permission"; all-permissions → all). In YAML, all, config
// and transaction are single mappings (hazelcast-full-example.yaml), the others lists.
import type { ClientPermission } from '../model.ts';

type O = Record<string, unknown>;

const DEFAULT_ELEMENT = 'map-permission';
/** YAML keys that hold one mapping, not a list. */
const SINGLE_YAML_KEYS = new Set(['all', 'config', 'transaction']);

export function permissionYamlKey(element: string): string {
  return element === 'all-permissions' ? 'all' : element.replace(/-permission$/, '');
}

/** Entries grouped by element, elements in order of first appearance. */
function byElement(permissions: ClientPermission[]): Map<string, ClientPermission[]> {
  const groups = new Map<string, ClientPermission[]>();
  for (const p of permissions) {
    const element = p.element ?? DEFAULT_ELEMENT;
    if (!/^[a-z-]+-permissions?$/.test(element)) throw new Error(`not a permission element: ${element}`);
    groups.set(element, [...(groups.get(element) ?? []), p]);
  }
  return groups;
}

/** The content of <client-permissions>. */
export function permissionsXml(permissions: ClientPermission[]): O {
  const out: O = {};
  for (const [element, entries] of byElement(permissions)) {
    out[element] = entries.map((p) => {
      const e: O = {};
      if (p.name !== undefined) e['@_name'] = p.name;
      if (p.principal !== undefined) e['@_principal'] = p.principal;
      if (p.endpoints && p.endpoints.length > 0) e.endpoints = { endpoint: [...p.endpoints] };
      if (p.actions) e.actions = { action: [...p.actions] };
      return Object.keys(e).length > 0 ? e : '';
    });
  }
  return out;
}

/** The content of client-permissions: in YAML. */
export function permissionsYaml(permissions: ClientPermission[]): O {
  const out: O = {};
  for (const [element, entries] of byElement(permissions)) {
    const key = permissionYamlKey(element);
    const items = entries.map((p) => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.principal !== undefined ? { principal: p.principal } : {}),
      ...(p.endpoints && p.endpoints.length > 0 ? { endpoints: [...p.endpoints] } : {}),
      ...(p.actions ? { actions: [...p.actions] } : {}),
    }));
    if (SINGLE_YAML_KEYS.has(key)) {
      // The YAML form has room for one entry of these types only.
      if (items.length > 1) throw new Error(`client-permissions: YAML holds one "${key}" entry, the setup has ${items.length}`);
      out[key] = items[0];
    } else {
      out[key] = items;
    }
  }
  return out;
}
