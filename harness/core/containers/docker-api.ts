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

/** True when the engine has `image` (name:tag) locally. */
export async function imageExists(image: string, socket = engineSocket()): Promise<boolean> {
  if (!socket) return false;
  return (await call(socket, 'GET', `/images/${encodeURIComponent(image)}/json`, 10_000)).status === 200;
}

/**
 * Makes `image` (name:tag) present: nothing when it is there, else one pull, bounded by `ms`. Throws
 * an error naming the image and the engine's reason when it cannot be had.
 */
export async function ensureImage(image: string, ms: number, socket = engineSocket()): Promise<'present' | 'pulled'> {
  if (!socket) throw new Error(`image ${image}: no local engine socket to ask`);
  if (await imageExists(image, socket)) return 'present';
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const [name, tag] = colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, 'latest'];
  let answer: Answer;
  try {
    answer = await call(socket, 'POST', `/images/create?fromImage=${encodeURIComponent(name)}&tag=${encodeURIComponent(tag)}`, ms);
  } catch (err) {
    throw new Error(`image ${image} is not here and could not be pulled: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The engine streams JSON progress lines; a failure is a line with "error" (the status may still be 200).
  const failure =
    answer.status >= 400
      ? answer.body.trim()
      : answer.body
          .split('\n')
          .map((l) => {
            try {
              return (JSON.parse(l) as { error?: string }).error;
            } catch {
              return undefined;
            }
          })
          .find((e) => e);
  if (failure || !(await imageExists(image, socket))) throw new Error(`image ${image} is not here and could not be pulled: ${failure || 'the engine did not make it'}`);
  return 'pulled';
}
