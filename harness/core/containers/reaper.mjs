// secmatrix's own "Ryuk" (testcontainers' reaper image cannot be pulled here): a small detached
// process started by a container run. It waits for the run's process to end — however it ends:
// normally, Ctrl-C, a crash or SIGKILL —
// then removes every container and network carrying the run's label, sweeping until the engine has
// been quiet for a while (a worker killed mid-start leaves requests the engine still finishes).
// Plain JavaScript without dependencies: it must start fast and outlive node_modules' loaders.
// It also removes the run's temp dir (PKI private keys), which the run's own cleanup may not reach.
// argv: <parent pid> <label key=value | -> <engine unix socket | -> <run temp dir>
import { rmSync } from 'node:fs';
import { request } from 'node:http';

const [parentPid, label, socket, dir] = process.argv.slice(2);
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

while (alive(Number(parentPid))) await sleep(300);
if (dir && dir !== '-' && /secmatrix-(cql-)?run-/.test(dir)) rmSync(dir, { recursive: true, force: true });
if (label === '-' || socket === '-') process.exit(0);
const until = Date.now() + MAX_SWEEP_MS;
let quietSince = Date.now();
while (Date.now() - quietSince < QUIET_MS && Date.now() < until) {
  if ((await sweepOnce()) > 0) quietSince = Date.now();
  await sleep(250);
}
process.exit(0);
