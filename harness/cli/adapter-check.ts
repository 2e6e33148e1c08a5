// `secmatrix adapter check`: a vendor's first step. Talks to an adapter without running the matrix —
// hello, a connect to a plain reference member, one operation, malformed requests, a connect that
// must time out — and says, step by step, what is wrong with it.
import { createServer, type Server, type Socket } from 'node:net';
import { parseMemberConfig, startReferenceMember } from '../hazelcast/reference-member/index.ts';
import { AdapterFailure, AdapterProcess } from '../clients/adapter/process.ts';
import type { ResolvedAdapter } from '../clients/adapter/driver.ts';
import { PROTOCOL_VERSION, startAdapter } from '../clients/adapter/hello.ts';
import { requestProblem } from '../clients/adapter/schemas.ts';

export interface CheckStep {
  step: string;
  ok: boolean;
  detail: string;
}

const PLAIN_MEMBER = `<hazelcast xmlns="http://www.hazelcast.com/schema/config">
  <cluster-name>secmatrix-check</cluster-name>
  <network><port auto-increment="false">5701</port></network>
</hazelcast>`;

/** A TCP server that accepts and never answers: a connect to it must end by the client's own timeout. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

function failureText(err: unknown): string {
  if (err instanceof AdapterFailure)
    return `${err.message}${err.stderr ? `\n    adapter stderr (tail):\n${err.stderr.slice(-1500).replace(/^/gm, '      ')}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

export async function checkAdapter(spec: ResolvedAdapter, log: (step: CheckStep) => void = () => undefined): Promise<CheckStep[]> {
  const steps: CheckStep[] = [];
  const record = (step: string, ok: boolean, detail: string) => {
    const s = { step, ok, detail };
    steps.push(s);
    log(s);
  };

  // 1. hello
  let proc: AdapterProcess;
  try {
    const started = await startAdapter(spec, 30_000);
    proc = started.proc;
    const h = started.hello;
    const ops = h.capabilities.filter((c) => c.startsWith('op:')).length;
    const caps = h.capabilities.filter((c) => !c.startsWith('op:')).join(', ');
    const who = `${h.client.name} ${h.client.version} (${h.client.language}), adapter ${h.adapter.version}, protocol ${PROTOCOL_VERSION}`;
    record('hello', true, `${who}, ${h.capabilities.length} capabilities: ${caps} + ${ops} operations`);
    if (ops === 0) record('capabilities', false, 'no op:<operation> capability: every permission cell will be not applicable');
  } catch (err) {
    const e = err as Error & { stderr?: string };
    record('hello', false, `${e.message}${e.stderr ? `\n    adapter stderr (tail):\n${e.stderr.slice(-1500).replace(/^/gm, '      ')}` : ''}`);
    return steps;
  }

  const member = await startReferenceMember({ config: parseMemberConfig(PLAIN_MEMBER, 'adapter-check.xml'), port: 0, maxEvents: 1000 });
  const silent = await silentServer();
  try {
    // 2. connect to a plain member, one operation, close
    const connect = {
      session: 'check-1',
      system: 'hazelcast',
      addresses: [`127.0.0.1:${member.port}`],
      clusterName: 'secmatrix-check',
      tls: null,
      credentials: null,
      timeouts: { connectMs: 5000, operationMs: 5000 },
      options: {},
    };
    const bad = requestProblem('connect', { id: 1, type: 'connect', ...connect });
    if (bad) throw new Error(`the check's own connect request breaks the schema: ${bad}`);
    let connected = false;
    try {
      const a = await proc.request('connect', connect, 20_000);
      connected = a.type === 'connected';
      record('connect (plain member)', connected, connected ? `connected to 127.0.0.1:${member.port}` : `expected 'connected', got ${JSON.stringify(a)}`);
    } catch (err) {
      record('connect (plain member)', false, failureText(err));
    }
    if (connected) {
      try {
        const r = await proc.request('run', { session: 'check-1', op: 'map.put', object: 'secmatrix-check', args: {} }, 15_000);
        const said = r.type === 'unsupported' ? `unsupported: ${String(r['reason'])}` : `expected 'result', got ${JSON.stringify(r)}`;
        record('run map.put', r.type === 'result' || r.type === 'unsupported', r.type === 'result' ? 'the operation completed' : said);
        const c = await proc.request('close', { session: 'check-1' }, 10_000);
        record('close', c.type === 'closed', c.type === 'closed' ? 'session closed' : `expected 'closed', got ${JSON.stringify(c)}`);
      } catch (err) {
        record('run map.put / close', false, failureText(err));
      }
    }

    // 3. malformed requests: the adapter must answer protocol-error and keep running
    for (const [what, line] of [
      ['a line that is not JSON', 'this is not json'],
      ['an unknown request type', JSON.stringify({ id: 90, type: 'frobnicate' })],
    ] as const) {
      if (!proc.alive) break;
      try {
        const a = await proc.raw(line, 5000);
        const ok = a.type === 'protocol-error';
        record(`malformed request (${what})`, ok, ok ? `protocol-error: ${String(a['message'])}` : `expected 'protocol-error', got ${JSON.stringify(a)}`);
      } catch (err) {
        record(`malformed request (${what})`, false, failureText(err));
      }
    }

    if (!proc.alive) record('remaining checks', false, 'not run: the adapter is gone (see the failure above)');
    // 4. a connect that cannot succeed: the adapter must answer within its connect timeout (+ slack)
    if (proc.alive) {
      const started = performance.now();
      try {
        const silentConnect = { ...connect, session: 'check-2', addresses: [`127.0.0.1:${silent.port}`], timeouts: { connectMs: 2000, operationMs: 2000 } };
        const a = await proc.request('connect', silentConnect, 20_000);
        const s = ((performance.now() - started) / 1000).toFixed(1);
        const detail = a.type === 'failed' ? `failed after ${s} s: ${JSON.stringify(a['error'])}` : `expected 'failed', got ${a.type} after ${s} s`;
        record('timeout (member that never answers)', a.type === 'failed', detail);
        if (a.type === 'connected') await proc.request('close', { session: 'check-2' }, 5000).catch(() => undefined);
      } catch (err) {
        record('timeout (member that never answers)', false, `${failureText(err)} (it must give up by the connectMs it was given)`);
      }
    }

    // 5. bye: answered, then the process exits
    if (proc.alive) {
      try {
        const a = await proc.request('bye', {}, 10_000);
        record('bye', a.type === 'bye', a.type === 'bye' ? 'answered bye' : `expected 'bye', got ${JSON.stringify(a)}`);
      } catch (err) {
        record('bye', false, failureText(err));
      }
    }
  } finally {
    await proc.stop(3000);
    await silent.close();
    await member.stop();
  }
  return steps;
}
