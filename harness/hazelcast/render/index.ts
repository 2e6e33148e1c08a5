// Renders a member setup into real Hazelcast member configuration files: the same file a container
// would mount and the reference member reads.
import type { MemberSetup } from '../model.ts';
import { configModel, type RenderOptions } from './model.ts';
import type { MemberStores } from './stores.ts';
import { toXml } from './xml.ts';
import { toYaml } from './yaml.ts';

export { storesFromPki, type MemberStores, type StoreFile, type PkiLike } from './stores.ts';
export { SSL_FACTORY, type RenderOptions } from './model.ts';
export type { RealmServiceRefs } from './realms.ts';

export interface RenderedConfig {
  xml: string;
  yaml: string;
}

export function renderMemberConfig(setup: MemberSetup, stores: MemberStores, options: RenderOptions): RenderedConfig {
  const model = configModel(setup, stores, options);
  return { xml: toXml(model), yaml: toYaml(model) };
}

export function renderMemberXml(setup: MemberSetup, stores: MemberStores, options: RenderOptions): string {
  return toXml(configModel(setup, stores, options));
}

export function renderMemberYaml(setup: MemberSetup, stores: MemberStores, options: RenderOptions): string {
  return toYaml(configModel(setup, stores, options));
}
