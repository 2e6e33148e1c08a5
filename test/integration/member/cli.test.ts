// `secmatrix member --config FILE`: serves a client configured by hand, prints its log lines, and
// stops cleanly on SIGINT / SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { makeTempDir, type TempDir } from '../../../harness/core/util/tempdir.ts';
import { Tracker, timed } from './support.ts';

const CLI = fileURLToPath(new URL('../../../harness/cli/secmatrix.mjs', import.meta.url));

const tracker = new Tracker();
const children: ChildProcess[] = [];
const dirs: TempDir[] = [];
afterEach(async () => {
  await tracker.stopAll();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await d.remove();
});

const CONFIG = `<hazelcast xmlns="http://www.hazelcast.com/schema/config">
  <cluster-name>dev</cluster-name>
  <network><port auto-increment="true">5701</port></network>
  <security enabled="true">
    <realms>
      <realm name="passwordRealm">
        <identity><username-password username="member1" password="s3crEt" /></identity>
      </realm>
    </realms>
    <member-authentication realm="passwordRealm" />
    <client-permissions>
      <map-permission name="orders" principal="member1"><actions><action>create</action><action>read</action></actions></map-permission>
    </client-permissions>
  </security>
</hazelcast>`;

function runMember(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'member', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const waitFor = async (pattern: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(out)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms; output:\n${out}`);
      if (child.exitCode !== null) throw new Error(`member exited (${child.exitCode}); output:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return pattern.exec(out)!;
  };
  return { child, output: () => out, exited, waitFor };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`serves a hand-configured client, logs identity and decisions, stops on ${signal}`, async () => {
    const dir = await makeTempDir('member-cli');
    dirs.push(dir);
    const file = join(dir.path, 'hazelcast.xml');
    await writeFile(file, CONFIG);
    const member = runMember(['--config', file, '--port', '0']);
    const [, port] = await member.waitFor(/ready on 127\.0\.0\.1:(\d+)/, 40_000);
    const client = await tracker.client({ host: '127.0.0.1', port: Number(port) }, { security: { usernamePassword: { username: 'member1', password: 's3crEt' } } });
    const orders = await client.getMap<string, string>('orders');
    const { error } = await timed(orders.put('k', 'v'));
    expect(error?.message).toContain('AccessControlException');
    await member.waitFor(/DENIED Map\.Put/, 5_000);
    await tracker.stopAll();
    const out = member.output();
    expect(out).toMatch(/authenticated \(password\) identity "member1" roles \[member1\]/);
    expect(out).toMatch(/GRANTED Client\.CreateProxy/);
    expect(out).not.toContain('s3crEt');
    member.child.kill(signal);
    const code = await Promise.race([member.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(member.output()).toContain('member stopped');
  });
}

test('an unusable configuration is a start-up error naming the file and element', async () => {
  const dir = await makeTempDir('member-cli');
  dirs.push(dir);
  const file = join(dir.path, 'bad.xml');
  await writeFile(file, '<hazelcast xmlns="http://www.hazelcast.com/schema/config"><network><port>99999</port></network></hazelcast>');
  const member = runMember(['--config', file]);
  const code = await Promise.race([member.exited, new Promise((r) => setTimeout(() => r('timeout'), 40_000))]);
  expect(code).toBe(1);
  expect(member.output()).toContain(`${file}: hazelcast/network/port`);
});

test('a bad --port is a usage error', async () => {
  const member = runMember(['--config', 'x.xml', '--port', 'abc']);
  const code = await Promise.race([member.exited, new Promise((r) => setTimeout(() => r('timeout'), 40_000))]);
  expect(code).toBe(2);
  expect(member.output()).toContain('is not a port');
});
