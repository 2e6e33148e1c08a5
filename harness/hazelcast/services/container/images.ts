// The service images, built on first use where Podman is (cached by their container file's hash);
// with another engine they must exist already (`npx secmatrix containers setup` or a registry).
import { hasCommand } from '../../../core/containers/exec.ts';
import { buildServiceImage, serviceImage, type ServiceImageKind } from '../../../core/containers/images.ts';

const ready = new Map<ServiceImageKind, Promise<string>>();

export function imageFor(kind: ServiceImageKind): Promise<string> {
  let p = ready.get(kind);
  if (!p) {
    p = (async () => ((await hasCommand('podman')) ? (await buildServiceImage(kind, () => undefined)).image : serviceImage(kind)))();
    ready.set(kind, p);
    p.catch(() => ready.delete(kind));
  }
  return p;
}
