// The few engine API calls secmatrix makes itself (outside testcontainers): find and remove what
// one run labelled. This is the safety net for Ctrl-C and crashed workers: the run's parent
// process sweeps its own label, so no container or network outlives a run.
import { request } from 'node:http';
import { chooseEngine, SECMATRIX_LABEL } from './engine.ts';

/** Label naming the run a container or network belongs to (its value is the run id). */
export const RUN_LABEL = 'org.secmatrix.run';

interface Answer {
  status: number;
  body: string;
}

function call(socket: string, method: string, path: string, ms: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, path, method, timeout: ms }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${ms} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function engineSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return chooseEngine(env)?.socket;
}

const filter = (labels: string[]) => encodeURIComponent(JSON.stringify({ label: labels }));

export interface Leftovers {
  containers: Array<{ id: string; name: string; image: string; state: string; labels: Record<string, string> }>;
  networks: Array<{ id: string; name: string }>;
}

/** Containers (running or not) and networks carrying `label` (key or key=value); secmatrix's own by default. */
export async function listLabelled(label: string = SECMATRIX_LABEL, socket = engineSocket()): Promise<Leftovers> {
  if (!socket) return { containers: [], networks: [] };
  const c = await call(socket, 'GET', `/containers/json?all=1&filters=${filter([label])}`, 10_000);
  const n = await call(socket, 'GET', `/networks?filters=${filter([label])}`, 10_000);
  const containers = (JSON.parse(c.body || '[]') as Array<{ Id: string; Names?: string[]; Image: string; State: string; Labels?: Record<string, string> }>).map((x) => ({
    id: x.Id,
    name: (x.Names?.[0] ?? '').replace(/^\//, ''),
    image: x.Image,
    state: x.State,
    labels: x.Labels ?? {},
  }));
  const networks = (JSON.parse(n.body || '[]') as Array<{ Id: string; Name: string }>).map((x) => ({ id: x.Id, name: x.Name }));
  return { containers, networks };
}

/** Force-removes every container and network carrying `label`; returns what it removed. */
export async function removeLabelled(label: string, socket = engineSocket()): Promise<Leftovers> {
  const found = await listLabelled(label, socket);
  if (!socket) return found;
  for (const c of found.containers) await call(socket, 'DELETE', `/containers/${c.id}?force=1&v=1`, 30_000).catch(() => undefined);
  for (const n of found.networks) await call(socket, 'DELETE', `/networks/${n.id}`, 30_000).catch(() => undefined);
  return found;
}

/**
 * Removes what carries `label` until the engine stays quiet: a worker killed mid-start leaves its
 * create/start request in flight, and the engine may finish it after a first sweep. Sweeps until
 * nothing was found for `quietMs`, at most `maxMs`; returns everything removed.
 */
export async function sweepUntilQuiet(label: string, o: { quietMs?: number; maxMs?: number; socket?: string } = {}): Promise<Leftovers> {
  const quietMs = o.quietMs ?? 3_000;
  const until = Date.now() + (o.maxMs ?? 15_000);
  const removed: Leftovers = { containers: [], networks: [] };
  let quietSince = Date.now();
  for (;;) {
    const r = await removeLabelled(label, o.socket ?? engineSocket());
    removed.containers.push(...r.containers);
    removed.networks.push(...r.networks);
    if (r.containers.length || r.networks.length) quietSince = Date.now();
    if (Date.now() - quietSince >= quietMs || Date.now() > until) return removed;
    await new Promise((res) => setTimeout(res, 250));
  }
}
