// The container form of the services: slapd and the MIT KDC from the repository's container files,
// behind the same ServiceProvider contract as the process form (SECMATRIX_SERVICES=container).
import { chooseEngine } from '../../../core/containers/engine.ts';
import type { KdcSpec, LdapSpec, ServiceProvider } from '../types.ts';
import { startKdcContainer } from './mit-kdc.ts';
import { startSlapdContainer } from './slapd.ts';

export class ContainerServiceProvider implements ServiceProvider {
  readonly name = 'container';
  unavailable(): string | undefined {
    // Synchronous by contract: an engine socket must exist; whether it answers is checked at start.
    return chooseEngine() ? undefined : 'no container engine (no DOCKER_HOST, no Podman or Docker socket): run `npx secmatrix containers setup` or start Docker';
  }
  startLdap(spec: LdapSpec) {
    return startSlapdContainer(spec);
  }
  startKdc(spec: KdcSpec) {
    return startKdcContainer(spec);
  }
}
