// HOST:PORT of a server someone else runs (an external target), and whether anything answers there.
import { connect } from 'node:net';

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port`, `1.2.3.4:9042` or `[::1]:9042`; the error names the flag (`what`) and the value. */
export function parseHostPort(text: string, what = 'the address'): HostPort {
  const m = /^(\[[^\]]+\]|[^:[\]\s]+):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`${what} must be HOST:PORT (port 1-65535), not "${text}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** Resolves when a TCP connection to the address opens; rejects with the reason (bounded by timeoutMs). */
export function checkReachable(a: HostPort, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: a.host, port: a.port });
    const done = (err?: Error) => {
      s.destroy();
      if (err) reject(err);
      else resolve();
    };
    s.setTimeout(timeoutMs, () => done(new Error(`no answer within ${timeoutMs} ms`)));
    s.once('connect', () => done());
    s.once('error', (e) => done(e));
  });
}
