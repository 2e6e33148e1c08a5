// The member's key and trust stores inside a container: the renderer is given container paths, and
// every store it asked for is recorded so exactly those files are copied in (nothing else of the
// run's PKI, and no private key file, enters the container).
import { basename } from 'node:path';
import type { MemberStores, StoreFile } from '../../render/stores.ts';

export interface MappedStore {
  source: string;
  target: string;
}

export function containerStores(host: MemberStores, dir: string): { stores: MemberStores; used: () => MappedStore[] } {
  const used = new Map<string, MappedStore>();
  const map = (kind: 'key' | 'trust', id: string, f: StoreFile): StoreFile => {
    const target = `${dir}/${kind}-${id}-${basename(f.path)}`;
    used.set(target, { source: f.path, target });
    return { ...f, path: target };
  };
  return {
    stores: { keyStore: (id) => map('key', id, host.keyStore(id)), trustStore: (id) => map('trust', id, host.trustStore(id)) },
    used: () => [...used.values()],
  };
}
