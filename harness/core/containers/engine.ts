// Which container engine testcontainers talks to. Here: rootful Podman's Docker-compatible API
// socket (made by `secmatrix containers setup`); elsewhere whatever DOCKER_HOST or the Docker socket
// says. Ryuk is off on Podman (its image cannot be pulled here); our own cleanup registry stops
// every container instead.
import { existsSync } from 'node:fs';
import { request } from 'node:http';

export const PODMAN_SOCKET = '/run/podman/podman.sock';
export const DOCKER_SOCKET = '/var/run/docker.sock';
/** Label on everything secmatrix starts, so teardown and the leak checks can find it. */
export const SECMATRIX_LABEL = 'org.secmatrix.managed';

export interface EngineChoice {
  /** unix socket path, or undefined for a non-unix DOCKER_HOST (tcp://…). */
  socket: string | undefined;
  dockerHost: string;
  podman: boolean;
}

export function chooseEngine(env: NodeJS.ProcessEnv = process.env): EngineChoice | undefined {
  const given = env['DOCKER_HOST'];
  if (given) {
    const socket = given.startsWith('unix://') ? given.slice('unix://'.length) : undefined;
    return { socket, dockerHost: given, podman: socket === PODMAN_SOCKET };
  }
  if (existsSync(PODMAN_SOCKET)) return { socket: PODMAN_SOCKET, dockerHost: `unix://${PODMAN_SOCKET}`, podman: true };
  if (existsSync(DOCKER_SOCKET)) return { socket: DOCKER_SOCKET, dockerHost: `unix://${DOCKER_SOCKET}`, podman: false };
  return undefined;
}

/** Answers the Docker API's /_ping on a unix socket within `ms`. */
export function pingSocket(socket: string, ms = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping', method: 'GET', timeout: ms }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Polls the socket until it answers or `ms` pass. */
export async function waitForSocket(socket: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (existsSync(socket) && (await pingSocket(socket, 1_000))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Points testcontainers at the chosen engine (it reads these variables when it first makes its
 * client, so call this before the first container). Returns the engine, or throws a clear error.
 */
export async function useEngine(env: NodeJS.ProcessEnv = process.env): Promise<EngineChoice> {
  const engine = chooseEngine(env);
  if (!engine) throw new NoEngineError();
  if (engine.socket && !(await pingSocket(engine.socket))) throw new NoEngineError(`the engine socket ${engine.socket} does not answer`);
  env['DOCKER_HOST'] ??= engine.dockerHost;
  if (engine.podman) env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  // A local engine publishes ports on the loopback too. getHost() would answer the bridge gateway,
  // which the member certificates do not name: TLS hostname checks need the loopback address.
  if (engine.socket) env['TESTCONTAINERS_HOST_OVERRIDE'] ??= '127.0.0.1';
  return engine;
}

export class NoEngineError extends Error {
  override name = 'NoEngineError';
  constructor(why = `no container engine (no DOCKER_HOST, no ${PODMAN_SOCKET}, no ${DOCKER_SOCKET})`) {
    super(`${why}: run \`npx secmatrix containers setup\` (rootful Podman, Debian) or start Docker`);
  }
}

/** Why no engine can be used here (for tests and skips), or undefined when one answers. */
export async function engineUnavailable(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  try {
    await useEngine(env);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
