// The settings of a cassandra.yaml that decide a CQL cell's outcome, normalised so that a cluster's
// own file and a server configuration rendered by render.ts compare by meaning: class names without
// their package, Cassandra's defaults filled in, durations in ms, key and trust stores by what they
// hold (store-content.ts). Ports, directories, cluster name and passwords decide nothing and are
// left out. A cell runs against an external cluster only when nothing here differs.
import { isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { storeContent, type StoreRef } from './store-content.ts';

/** label → normalised value; TLS details carry the `tls ` prefix and exist only when TLS is on. */
export type ComparableServer = Record<string, string>;

export class ClusterConfigError extends Error {
  override name = 'ClusterConfigError';
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A cassandra.yaml's text as a mapping; a syntax error names the file, line and column. */
export function parseCassandraYaml(text: string, file: string): Raw {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    throw new ClusterConfigError(`${file}:${pos.line}:${pos.col}: not valid YAML: ${err.message.split('\n')[0]}`);
  }
  const value = doc.toJS() as unknown;
  if (!isObj(value))
    throw new ClusterConfigError(`${file}: a cassandra.yaml must be a mapping of settings, this is ${value === null ? 'empty' : typeof value}`);
  return value;
}

/** `org.apache.cassandra.auth.PasswordAuthenticator`, `PasswordAuthenticator` or `{ class_name, parameters }` → short name. */
function className(v: unknown, fallback: string): { name: string; parameters: Raw } {
  const raw = isObj(v) ? v['class_name'] : v;
  const parameters = isObj(v) && isObj(v['parameters']) ? v['parameters'] : {};
  if (raw === undefined || raw === null || raw === '') return { name: fallback, parameters };
  return { name: String(raw).replace(/^org\.apache\.cassandra\.[a-z.]*\./, ''), parameters };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, us: 0.001, µs: 0.001, ns: 0.000001 };

/** `0ms`, `2s`, or the old `*_in_ms` number → "N ms"; default 2000 ms (Cassandra's caches). */
function duration(doc: Raw, key: string, fallbackMs: number): string {
  const v = doc[key] ?? doc[`${key}_in_ms`];
  if (v === undefined || v === null) return `${fallbackMs} ms`;
  if (typeof v === 'number') return `${v} ms`;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|us|µs|ns|milliseconds|seconds|minutes|hours|days)?\s*$/i.exec(String(v));
  if (!m) return `unparsed ${String(v)}`;
  const unit = (m[2] ?? 'ms')
    .toLowerCase()
    .replace(/^milliseconds$/, 'ms')
    .replace(/^seconds$/, 's')
    .replace(/^minutes$/, 'm')
    .replace(/^hours$/, 'h')
    .replace(/^days$/, 'd');
  return `${Number(m[1]) * (UNIT_MS[unit] ?? 1)} ms`;
}

const bool = (v: unknown, fallback: boolean): string => String(v === undefined || v === null ? fallback : String(v).toLowerCase() === 'true');
const list = (v: unknown, sort: boolean): string => {
  if (v === undefined || v === null) return '(Cassandra default)';
  const xs = (Array.isArray(v) ? v : String(v).split(',')).map((x) => String(x).trim());
  return (sort ? [...xs].sort() : xs).join(', ');
};

// client_encryption_options keys compared by their own rules (or not at all): anything else in the
// section is compared as written.
const TLS_HANDLED = new Set([
  'enabled',
  'optional',
  'keystore',
  'keystore_password',
  'keystore_password_file',
  'truststore',
  'truststore_password',
  'truststore_password_file',
  'store_type',
  'require_client_auth',
  'protocol',
  'accepted_protocols',
  'cipher_suites',
  'ssl_context_factory',
  'require_endpoint_verification',
  'algorithm',
]);

export interface CompareOptions {
  /** Relative store paths resolve against this (the cluster's yaml directory). */
  baseDir: string;
}

/** The outcome-deciding settings of a cassandra.yaml (parsed). Reads the stores it names. */
export async function comparableServer(doc: Raw, o: CompareOptions): Promise<ComparableServer> {
  const out: ComparableServer = {};
  const authn = className(doc['authenticator'], 'AllowAllAuthenticator');
  out['authenticator'] = authn.name;
  if (authn.name.startsWith('MutualTls'))
    out['authenticator validator'] = className(authn.parameters['validator_class_name'], 'SpiffeCertificateValidator').name;
  out['authorizer'] = className(doc['authorizer'], 'AllowAllAuthorizer').name;
  out['role_manager'] = className(doc['role_manager'], 'CassandraRoleManager').name;
  out['network_authorizer'] = className(doc['network_authorizer'], 'AllowAllNetworkAuthorizer').name;
  out['cidr_authorizer'] = className(doc['cidr_authorizer'], 'AllowAllCIDRAuthorizer').name;
  // Caches: a revoke or grant must be seen by the next statement (the suite renders them 0).
  for (const k of ['roles_validity', 'permissions_validity', 'credentials_validity']) out[k] = duration(doc, k, 2000);
  out['user_defined_functions_enabled'] = bool(doc['user_defined_functions_enabled'] ?? doc['enable_user_defined_functions'], false);
  out['dynamic_data_masking_enabled'] = bool(doc['dynamic_data_masking_enabled'], false);

  const ceo = isObj(doc['client_encryption_options']) ? doc['client_encryption_options'] : {};
  const enabled = bool(ceo['enabled'], false) === 'true';
  const optional = bool(ceo['optional'], false) === 'true';
  out['client encryption'] = optional ? 'optional (plaintext and TLS)' : enabled ? 'required' : 'off';
  if (!enabled && !optional) return out;

  const factory = className(ceo['ssl_context_factory'], 'DefaultSslContextFactory').name;
  const storeType = String(ceo['store_type'] ?? (factory === 'PEMBasedSslContextFactory' ? 'PEM' : 'JKS')).toUpperCase();
  out['tls ssl_context_factory'] = factory;
  out['tls store_type'] = storeType;
  out['tls require_client_auth'] = String(ceo['require_client_auth'] ?? false).toLowerCase();
  out['tls require_endpoint_verification'] = bool(ceo['require_endpoint_verification'], false);
  out['tls protocol'] = String(ceo['protocol'] ?? 'TLS');
  out['tls accepted_protocols'] = list(ceo['accepted_protocols'], true);
  out['tls cipher_suites'] = list(ceo['cipher_suites'], false);
  out['tls algorithm'] = ceo['algorithm'] === undefined || ceo['algorithm'] === null ? '(Cassandra default)' : String(ceo['algorithm']);
  const store = async (what: 'keystore' | 'truststore'): Promise<string> => {
    const p = ceo[what];
    if (p === undefined || p === null || p === '') return 'none';
    const path = isAbsolute(String(p)) ? String(p) : resolve(o.baseDir, String(p));
    const pw = ceo[`${what}_password`];
    const ref: StoreRef = {
      what: `client_encryption_options.${what}`,
      path,
      type: storeType,
      password: pw === undefined || pw === null ? undefined : String(pw),
    };
    return storeContent(ref);
  };
  out['tls keystore content'] = await store('keystore');
  out['tls truststore content'] = await store('truststore');
  for (const [k, v] of Object.entries(ceo)) if (!TLS_HANDLED.has(k)) out[`tls ${k}`] = JSON.stringify(v);
  return out;
}

/** Each setting that differs, named: "the cluster's authenticator is X, this cell's server needs Y". */
export function differences(cluster: ComparableServer, cell: ComparableServer): string[] {
  const keys = [...new Set([...Object.keys(cell), ...Object.keys(cluster)])];
  const out: string[] = [];
  // With TLS on one side only, the TLS details are not compared: "client encryption" names it.
  const tlsBoth = cluster['client encryption'] !== 'off' && cell['client encryption'] !== 'off';
  for (const k of keys) {
    const a = cluster[k];
    const b = cell[k];
    if (a === b || (k.startsWith('tls ') && !tlsBoth)) continue;
    // A parameter of the mTLS authenticators: named only when both sides use one.
    if (k === 'authenticator validator' && (a === undefined || b === undefined)) continue;
    const label = k.replace(/^tls /, 'client_encryption_options.');
    out.push(`the cluster's ${label} is ${a ?? '(not set)'}, this cell's server needs ${b ?? '(not set)'}`);
  }
  return out;
}
