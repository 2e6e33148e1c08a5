// The pure parts of the container path: containers.conf editing, the apt mirror debootstrap uses,
// the log-stream evidence of a container member, and JAVA_OPTS -D parsing of the member image.
import { describe, expect, it } from 'vitest';
import { applySettings } from '../../../harness/core/containers/containers-conf.ts';
import { mirrorFromSources } from '../../../harness/core/containers/mirror.ts';
import { LogEvidence } from '../../../harness/hazelcast/targets/container/log-evidence.ts';
import { javaOptsProperties } from '../../../harness/hazelcast/reference-member/cli.ts';
import { parseHostPort as parseAddress } from '../../../harness/core/util/host-port.ts';

describe('containers.conf', () => {
  it('adds the missing settings, keeps the others and reports differing ones without changing them', () => {
    const edit = applySettings('[engine]\nruntime = "crun"\nnum_locks = 2048\n');
    expect(edit.text).toContain('runtime = "crun"');
    expect(edit.text).toContain('num_locks = 2048');
    expect(edit.text).toContain('cgroup_manager = "cgroupfs"');
    expect(edit.text).toContain('events_logger = "file"');
    expect(edit.text).toMatch(/\[containers\]\ndefault_ulimits = \["nofile=20000:20000", "nproc=32768:32768"\]/);
    expect(edit.differing).toEqual(['engine.runtime = "crun" (wanted "runc")']);
    expect(applySettings(edit.text).added).toEqual([]);
  });
});

describe('debootstrap mirror', () => {
  it('takes the URI apt uses for the suite, from deb822 or one-line sources', () => {
    const deb822 = { name: 'debian.sources', text: 'Types: deb\nURIs: http://mirror.local/debian/\nSuites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: http://security.local/debian-security\nSuites: bookworm-security\n' };
    expect(mirrorFromSources([deb822], 'bookworm')).toBe('http://mirror.local/debian');
    expect(mirrorFromSources([{ name: 'sources.list', text: 'deb [arch=amd64] http://snap.local/debian bookworm main\n' }], 'bookworm')).toBe('http://snap.local/debian');
    expect(mirrorFromSources([{ name: 'x.sources', text: 'Enabled: no\nTypes: deb\nURIs: http://off\nSuites: bookworm\n' }], 'bookworm')).toBeUndefined();
  });
});

describe('container member evidence (log stream)', () => {
  const line = (kind: string, time: Date, extra: object = {}) => JSON.stringify({ kind, time: time.toISOString(), text: `${kind} line`, ...extra });

  it('parses the member JSON lines into evidence events and keeps other lines as plain evidence', () => {
    const ev = new LogEvidence();
    const m = ev.mark();
    ev.push(line('authentication', new Date(Date.now() + 5), { status: 'AUTHENTICATED', identity: 'alice', roles: ['r'] }));
    ev.push('a JVM member line');
    expect(ev.since(m).map((e) => e.kind)).toEqual(['auth', 'other']);
  });

  it('a line logged before the mark but arriving after it is not the attempt\'s', () => {
    const ev = new LogEvidence();
    const m = ev.mark();
    ev.push(line('tls-failed', new Date(Date.now() - 1000), { connectionId: 1, remote: 'x', error: 'alert protocol version' }));
    expect(ev.since(m)).toEqual([]);
    expect(ev.text(m)).toBe('');
  });

  it('waits for a late line, bounded, with the stream lag added', async () => {
    const ev = new LogEvidence(100);
    const m = ev.mark();
    setTimeout(() => ev.push(line('authentication', new Date(), { status: 'AUTHENTICATED', identity: 'a', roles: [] })), 60);
    const got = await ev.waitFor(m, (e) => e.kind === 'auth', 10);
    expect(got?.kind).toBe('auth');
    const started = Date.now();
    expect(await ev.waitFor(ev.mark(), (e) => e.kind === 'permission', 10)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('small parsers', () => {
  it('JAVA_OPTS -D options', () => {
    expect(javaOptsProperties('-Xmx1g -Djava.security.krb5.conf=/k/krb5.conf -Da=b=c')).toEqual({ 'java.security.krb5.conf': '/k/krb5.conf', a: 'b=c' });
  });
  it('external address', () => {
    expect(parseAddress('10.0.0.5:5701')).toEqual({ host: '10.0.0.5', port: 5701 });
    expect(parseAddress('[::1]:5701')).toEqual({ host: '::1', port: 5701 });
    expect(() => parseAddress('host')).toThrow(/HOST:PORT/);
  });
});
