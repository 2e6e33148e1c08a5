// What every member container gets copied in: the cell's rendered configuration (the very file the
// embedded member reads) and the stores it names, at fixed container paths.
import type { PkiManifest } from '../../../../pki/types.ts';
import type { ContainerSpec } from '../../../core/containers/container-spec.ts';
import type { MemberSetup } from '../../model.ts';
import { renderMemberConfig, storesFromPki } from '../../render/index.ts';
import type { RealmServiceRefs } from '../../render/realms.ts';
import { containerStores, type MappedStore } from './stores.ts';

export const CONFIG_DIR = '/opt/hazelcast/config';
export const CONFIG_PATH = `${CONFIG_DIR}/hazelcast.xml`;
export const STORES_DIR = `${CONFIG_DIR}/stores`;

export interface MemberFiles {
  xml: string;
  yaml: string;
  stores: MappedStore[];
}

/** Renders the configuration with the container's store paths and the member's port. */
export function renderForContainer(setup: MemberSetup, pki: PkiManifest, port: number, services?: RealmServiceRefs): MemberFiles {
  const mapped = containerStores(storesFromPki(pki), STORES_DIR);
  const rendered = renderMemberConfig(setup, mapped.stores, { port, ...(services ? { services } : {}) });
  return { ...rendered, stores: mapped.used() };
}

/**
 * Copies the configuration and stores in. `mode`: the files are private to the container, but a
 * member image that runs as a non-root user (Enterprise) must be able to read them.
 */
export function copyMemberFiles(spec: ContainerSpec, files: MemberFiles, mode: number): ContainerSpec {
  spec.withFile({ target: CONFIG_PATH, content: files.xml, mode });
  for (const s of files.stores) spec.withFile({ target: s.target, source: s.source, mode });
  return spec;
}
