// secmatrix's own "Ryuk" (testcontainers' reaper image cannot be pulled here): a small detached
// process started by a container run. It waits for the run's process to end — however it ends:
// normally, Ctrl-C, a crash or SIGKILL —
// then removes every container and network carrying the run's label, sweeping until the engine has
// been quiet for a while (a worker killed mid-start leaves requests the engine still finishes).
// Plain JavaScript without dependencies: it must start fast and outlive node_modules' loaders.
// It also removes the run's temp dir (PKI private keys), which the run's own cleanup may not reach; CQL
// runs start it for that alone (label and socket "-").
// argv: <parent pid> <label key=value | -> <engine unix socket | -> <run temp dir>
import { existsSync, rmSync } from 'node:fs';
import { request } from 'node:http';

const [parentPid, label, socket, dir] = process.argv.slice(2);
// It shares the run's process group: a Ctrl-C at the terminal (SIGINT to the whole group) or a
// closed terminal (SIGHUP) must not end it with the run. The run ends it with SIGTERM.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);
const QUIET_MS = 3_000;
const MAX_SWEEP_MS = 30_000;

const call = (method, path) =>
  new Promise((resolve) => {
    const req = request({ socketPath: socket, path, method, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(''));
    req.end();
  });

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function sweepOnce() {
  const filter = encodeURIComponent(JSON.stringify({ label: [label] }));
  const parse = (s) => {
    try {
      return JSON.parse(s || '[]');
    } catch {
      return [];
    }
  };
  const containers = parse(await call('GET', `/containers/json?all=1&filters=${filter}`));
  const networks = parse(await call('GET', `/networks?filters=${filter}`));
  for (const c of containers) await call('DELETE', `/containers/${c.Id}?force=1&v=1`);
  for (const n of networks) await call('DELETE', `/networks/${n.Id}`);
  return containers.length + networks.length;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Removes the run's temp dir until it stays gone: the run's own children (a Cassandra JVM, ended by
 * its watchdog moments after the run) may still write into it, so one removal can fail half-way
 * (ENOTEMPTY) or a log dir can come back.
 */
async function removeDir() {
  const until = Date.now() + MAX_SWEEP_MS;
  let goneSince;
  while (Date.now() < until) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    } catch {
      /* still being written: again below */
    }
    if (existsSync(dir)) goneSince = undefined;
    else if ((goneSince ??= Date.now()) && Date.now() - goneSince >= QUIET_MS) return;
    await sleep(250);
  }
}

while (alive(Number(parentPid))) await sleep(300);
const sweepContainers = label !== '-' && socket !== '-';
const dirJob = dir && dir !== '-' && /secmatrix-(cql-)?run-[^/]+$/.test(dir) ? removeDir() : Promise.resolve();
if (sweepContainers) {
  const until = Date.now() + MAX_SWEEP_MS;
  let quietSince = Date.now();
  while (Date.now() - quietSince < QUIET_MS && Date.now() < until) {
    if ((await sweepOnce()) > 0) quietSince = Date.now();
    await sleep(250);
  }
}
await dirJob;
process.exit(0);
