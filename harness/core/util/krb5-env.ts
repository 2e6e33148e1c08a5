// The `kerberos` package reads KRB5_CONFIG, KRB5CCNAME, KRB5_KTNAME, KRB5_CLIENT_KTNAME and
// KRB5RCACHEDIR from the environment on each call, and runs its steps on worker threads: calls
// that need different settings (the driver's client side, the member's acceptor, another realm)
// must not overlap. Everything Kerberos in this process goes through here, one at a time.
import { createRequire } from 'node:module';

let chain: Promise<unknown> = Promise.resolve();

let kerberosLoadError: string | null | undefined;
/**
 * Why the native `kerberos` package cannot be loaded here, or undefined. It is an optional
 * dependency (it builds against libkrb5-dev): without it `npm ci` still succeeds and only the
 * Kerberos cells are skipped, with this reason.
 */
export function kerberosPackageMissing(): string | undefined {
  if (kerberosLoadError === undefined) {
    try {
      createRequire(import.meta.url)('kerberos');
      kerberosLoadError = null;
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      const fix = 'it builds against libkrb5-dev: apt-get install libkrb5-dev, then npm ci';
      kerberosLoadError = `the optional npm package "kerberos" is not installed (${fix}): ${why}`;
    }
  }
  return kerberosLoadError ?? undefined;
}

const KEYS = ['KRB5_CONFIG', 'KRB5CCNAME', 'KRB5_KTNAME', 'KRB5_CLIENT_KTNAME', 'KRB5RCACHEDIR'] as const;
export type Krb5Env = Partial<Record<(typeof KEYS)[number], string>>;

export function withKrb5Env<T>(env: Krb5Env, fn: () => Promise<T>): Promise<T> {
  const run = async () => {
    const saved = KEYS.map((k) => [k, process.env[k]] as const);
    for (const k of KEYS) {
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
    }
    try {
      return await fn();
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next;
}
