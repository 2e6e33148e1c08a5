// Secrets never reach reports or logs in the clear: everything written out passes through here.
const SECRET_KEY = /(password|passphrase|passwd|^pass$|secret|token|private.?key|credential)/i;
const PEM_PRIVATE = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;

export const REDACTED = '***';

/** Replaces PEM private keys and the given literal secrets in a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(PEM_PRIVATE, (_m, kind: string) => `-----BEGIN ${kind}PRIVATE KEY----- ${REDACTED} -----END ${kind}PRIVATE KEY-----`);
  for (const s of secrets) {
    if (s && s.length >= 3) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Deep copy of a value with every secret-looking field replaced. */
export function redactObject<T>(value: T): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && SECRET_KEY.test(key) && v !== undefined && v !== null && typeof v !== 'object') return REDACTED;
    if (typeof v === 'string') return redactText(v);
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return key !== undefined && SECRET_KEY.test(key) ? REDACTED : `<${v.length} bytes>`;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return walk(value) as T;
}
