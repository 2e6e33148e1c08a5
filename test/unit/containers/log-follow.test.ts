// Following a container member exactly: numbered lines from two channels (log stream, attach
// stream) merge into one ordered log with no duplicate; a sync answers only once every earlier line
// is here; a wait for evidence that never comes ends on a sync, not a fixed lag.
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLog } from '../../../harness/hazelcast/reference-member/cli.ts';
import { FrameLines, signalLocalProcess } from '../../../harness/hazelcast/targets/container/attach.ts';
import { LogEvidence } from '../../../harness/hazelcast/targets/container/log-evidence.ts';

const entry = (seq: number, kind = 'authentication', extra: object = {}) =>
  JSON.stringify({
    seq,
    kind,
    time: new Date(Date.now() + 2).toISOString(),
    text: `${kind} ${seq}`,
    status: 'AUTHENTICATED',
    identity: 'a',
    roles: [],
    ...extra,
  });
const syncLine = (seq: number, count: number) => JSON.stringify({ seq, sync: count });

describe('numbered member lines from two channels', () => {
  it("keeps each line once, in the member's order, whichever channel brings it first", () => {
    const ev = new LogEvidence();
    ev.push(entry(1, 'listening', { host: 'h', port: 1 }));
    const m = ev.mark();
    // Attach delivers 3 and 4 at once; the log stream brings 2 (written before the attach) later, then repeats 3 and 4.
    ev.push(entry(3), '', 'attach');
    ev.push(entry(4), '', 'attach');
    ev.push(entry(2));
    ev.push(entry(3));
    ev.push(entry(4));
    expect(ev.records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(ev.text(m).split('\n')).toEqual([
      expect.stringMatching(/authentication 2$/),
      expect.stringMatching(/authentication 3$/),
      expect.stringMatching(/authentication 4$/),
    ]);
  });

  it('takes unnumbered lines of a numbered member from the log stream only', () => {
    const ev = new LogEvidence();
    ev.push(entry(1));
    ev.push('Error: a stray stderr line', '', 'attach');
    ev.push('Error: a stray stderr line');
    expect(ev.records.filter((r) => r.seq === undefined).map((r) => r.line)).toEqual(['Error: a stray stderr line']);
  });
});

describe('waiting for the ready line on our own stream', () => {
  it('resolves with a record already there or arriving later, and gives up after the bound', async () => {
    const ev = new LogEvidence();
    setTimeout(() => ev.push(entry(1, 'listening', { host: 'h', port: 1 })), 20);
    expect((await ev.waitForRecord((r) => r.entry?.kind === 'listening', 1000))?.seq).toBe(1);
    expect(ev.numbered).toBe(true);
    expect(await ev.waitForRecord((r) => r.entry?.kind === 'stopped', 20)).toBeUndefined();
  });
});

describe('sync', () => {
  it('resolves when the answer to this request arrived and no earlier line is missing', async () => {
    const ev = new LogEvidence();
    ev.push(entry(1));
    let signals = 0;
    ev.enableSync(async () => {
      signals++;
      // The answer (seq 4) overtakes lines 2 and 3, which come a little later through the log stream.
      setTimeout(() => ev.push(syncLine(4, signals), '', 'attach'), 5);
      setTimeout(() => ev.push(entry(2)), 20);
      setTimeout(() => ev.push(entry(3)), 40);
    });
    const started = performance.now();
    expect(await ev.sync(1000)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(ev.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(ev.syncStats).toEqual({ sent: 1, answered: 1, timedOut: 0 });
  });

  it('an answer to an earlier request does not count', async () => {
    const ev = new LogEvidence();
    ev.push(syncLine(1, 1));
    ev.enableSync(async () => undefined);
    expect(await ev.sync(50)).toBe(false);
    expect(ev.syncStats.timedOut).toBe(1);
  });

  it('a wait for evidence that never comes ends with the grace plus one sync, not the lag', async () => {
    const ev = new LogEvidence({ lagMs: 5_000 });
    ev.push(entry(1));
    let seq = 1;
    let count = 0;
    ev.enableSync(async () => void setTimeout(() => ev.push(syncLine(++seq, ++count), '', 'attach'), 5));
    const started = performance.now();
    expect(await ev.waitFor(ev.mark(), (e) => e.kind === 'permission', 30)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
    // The event in transit when the grace ended is still found.
    const m = ev.mark();
    ev.enableSync(async () => {
      setTimeout(() => ev.push(entry(++seq, 'permission', { granted: true, connectionId: 1, permission: 'p', action: 'a' }), '', 'attach'), 2);
      setTimeout(() => ev.push(syncLine(++seq, ++count), '', 'attach'), 5);
    });
    expect((await ev.waitFor(m, (e) => e.kind === 'permission', 10))?.kind).toBe('permission');
  });

  it('without sync (a member that does not number its lines) waits the grace plus the lag', async () => {
    const ev = new LogEvidence({ lagMs: 80 });
    const started = performance.now();
    expect(await ev.waitFor(ev.mark(), (e) => e.kind === 'auth', 10)).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(85);
    expect(await ev.sync()).toBe(false);
  });
});

describe("the engine's attach frames", () => {
  it('splits stdout/stderr frames into lines, also across frame and chunk boundaries', () => {
    const got: string[] = [];
    const f = new FrameLines((l, s) => got.push(`${s}:${l}`));
    const frame = (kind: number, text: string) => {
      const b = Buffer.from(text);
      const h = Buffer.alloc(8);
      h[0] = kind;
      h.writeUInt32BE(b.length, 4);
      return Buffer.concat([h, b]);
    };
    const all = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'err\n'), frame(1, 'o\n')]);
    f.push(all.subarray(0, 5));
    f.push(all.subarray(5, 17));
    f.push(all.subarray(17));
    expect(got).toEqual(['stdout:one', 'stderr:err', 'stdout:two']);
  });
});

describe('signalling a local container process directly', () => {
  it('never signals a process whose cgroup does not name the container (a reused pid)', () => {
    let got = 0;
    const l = () => got++;
    process.on('SIGWINCH', l);
    try {
      expect(signalLocalProcess(process.pid, 'f'.repeat(64), 'SIGWINCH')).toBe(false);
      expect(signalLocalProcess(2 ** 22 + 7, 'f'.repeat(64), 'SIGWINCH')).toBe(false);
      expect(got).toBe(0);
    } finally {
      process.off('SIGWINCH', l);
    }
  });
});

describe("the reference member's json log", () => {
  const before = new Set(process.listeners('SIGWINCH'));
  afterEach(() => {
    for (const l of process.listeners('SIGWINCH')) if (!before.has(l)) process.off('SIGWINCH', l);
  });

  it('numbers every line and answers SIGWINCH with a numbered sync line', () => {
    const out: string[] = [];
    const log = jsonLog((l) => out.push(l));
    log.write({ kind: 'listening', text: 'x' });
    process.emit('SIGWINCH', 'SIGWINCH');
    log.write({ kind: 'authentication', text: 'y' });
    process.emit('SIGWINCH', 'SIGWINCH');
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { seq: 1, kind: 'listening', text: 'x' },
      { seq: 2, sync: 1 },
      { seq: 3, kind: 'authentication', text: 'y' },
      { seq: 4, sync: 2 },
    ]);
  });
});
