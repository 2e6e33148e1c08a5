// Checks a PkiRequest and resolves every default, so that the rest of pki/ works on complete,
// trusted values. Every rejection names the field (e.g. `certs[3].issuer`) and the reason.
import { isIP } from 'node:net';
import { formatDn, parseDn, type Rdn } from './distinguished-name.ts';
import { PkiRequestError } from './errors.ts';
import {
  CERT_KINDS,
  EKUS,
  KEY_TYPES,
  VALIDITY_WINDOWS,
  type BadLabel,
  type CertKind,
  type Eku,
  type KeyType,
  type SubjectAltNames,
} from './types.ts';
import { defaultAnchor, windowDates, type WindowName } from './validity.ts';

export interface ResolvedCert {
  id: string;
  kind: CertKind;
  description: string;
  keyType: KeyType;
  subject: string;
  rdns: Rdn[];
  issuer: string;
  sans: SubjectAltNames;
  ekus: Eku[];
  window: WindowName;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  /** basicConstraints pathLenConstraint; undefined = unlimited. */
  pathLength: number | undefined;
  bad: BadLabel | undefined;
}

export interface ResolvedBundle {
  id: string;
  description: string;
  cas: string[];
}

export interface ResolvedRequest {
  anchor: Date;
  /** In issuing order: every issuer comes before what it issues. */
  certs: ResolvedCert[];
  bundles: ResolvedBundle[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DNS_PATTERN = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const CERT_FIELDS = new Set(['id', 'kind', 'description', 'keyType', 'subject', 'issuer', 'sans', 'ekus', 'validity', 'caCertificate', 'bad']);
const BUNDLE_FIELDS = new Set(['id', 'description', 'cas']);
const BAD_FIELDS = new Set(['why', 'expectedFailure', 'verifier', 'host']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function noUnknownFields(obj: Record<string, unknown>, known: Set<string>, field: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) throw new PkiRequestError(`${field}.${key}`, `unknown field (known: ${[...known].join(', ')})`);
  }
}

function str(obj: Record<string, unknown>, key: string, field: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') throw new PkiRequestError(`${field}.${key}`, 'must be a non-empty string');
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new PkiRequestError(field, `${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function stringList(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PkiRequestError(field, 'must be an array of strings');
  return v as string[];
}

function checkId(v: unknown, field: string, seen: Set<string>): string {
  if (typeof v !== 'string' || !ID_PATTERN.test(v)) {
    throw new PkiRequestError(field, `${JSON.stringify(v)} is not an id (lowercase letters, digits and '-', at most 63)`);
  }
  if (v === 'self') throw new PkiRequestError(field, '"self" is reserved for self-signed issuers');
  if (seen.has(v)) throw new PkiRequestError(field, `duplicate id "${v}"`);
  seen.add(v);
  return v;
}

function resolveSans(v: unknown, kind: CertKind, field: string): SubjectAltNames {
  if (v === undefined) return kind === 'member' ? { dns: ['localhost'], ip: ['127.0.0.1'] } : { dns: [], ip: [] };
  if (!isRecord(v)) throw new PkiRequestError(field, 'must be an object { dns?: string[], ip?: string[], uri?: string[] }');
  noUnknownFields(v, new Set(['dns', 'ip', 'uri']), field);
  const dns = v.dns === undefined ? [] : stringList(v.dns, `${field}.dns`);
  const ip = v.ip === undefined ? [] : stringList(v.ip, `${field}.ip`);
  dns.forEach((d, i) => {
    if (!DNS_PATTERN.test(d)) throw new PkiRequestError(`${field}.dns[${i}]`, `${JSON.stringify(d)} is not a DNS name`);
  });
  ip.forEach((a, i) => {
    if (isIP(a) === 0) throw new PkiRequestError(`${field}.ip[${i}]`, `${JSON.stringify(a)} is not an IP address`);
  });
  const uri = v.uri === undefined ? [] : stringList(v.uri, `${field}.uri`);
  uri.forEach((u, i) => {
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(u)) throw new PkiRequestError(`${field}.uri[${i}]`, `${JSON.stringify(u)} is not an absolute URI`);
  });
  // `uri` only when given, so requests without URI SANs keep their canonical hash (and cache entries).
  return uri.length > 0 ? { dns: [...dns], ip: [...ip], uri: [...uri] } : { dns: [...dns], ip: [...ip] };
}

function resolveBad(v: unknown, field: string): BadLabel | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) throw new PkiRequestError(field, 'must be an object { why, expectedFailure, verifier, host? }');
  noUnknownFields(v, BAD_FIELDS, field);
  const bad: BadLabel = {
    why: str(v, 'why', field),
    expectedFailure: str(v, 'expectedFailure', field),
    verifier: oneOf(v.verifier, ['client', 'member'] as const, `${field}.verifier`),
  };
  if (v.host !== undefined) bad.host = str(v, 'host', field);
  return bad;
}

/** Validates a request and fills in every default; throws PkiRequestError. */
export function resolveRequest(request: unknown, now: Date = new Date()): ResolvedRequest {
  if (!isRecord(request)) throw new PkiRequestError('request', 'must be an object { anchor?, certs, bundles? }');
  noUnknownFields(request, new Set(['anchor', 'certs', 'bundles']), 'request');
  let anchor = defaultAnchor(now);
  if (request.anchor !== undefined) {
    const parsed = typeof request.anchor === 'string' ? new Date(request.anchor) : new Date(NaN);
    if (Number.isNaN(parsed.getTime())) throw new PkiRequestError('anchor', `${JSON.stringify(request.anchor)} is not an ISO date`);
    anchor = parsed;
  }
  if (!Array.isArray(request.certs) || request.certs.length === 0) throw new PkiRequestError('certs', 'must be a non-empty array');
  const ids = new Set<string>();
  const certs: ResolvedCert[] = request.certs.map((raw: unknown, i) => {
    const field = `certs[${i}]`;
    if (!isRecord(raw)) throw new PkiRequestError(field, 'must be an object');
    noUnknownFields(raw, CERT_FIELDS, field);
    const id = checkId(raw.id, `${field}.id`, ids);
    const kind = oneOf(raw.kind, CERT_KINDS, `${field}.kind`);
    const keyType = oneOf(raw.keyType, KEY_TYPES, `${field}.keyType`);
    const subjectText = str(raw, 'subject', field);
    let rdns: Rdn[];
    try {
      rdns = parseDn(subjectText);
    } catch (err) {
      throw new PkiRequestError(`${field}.subject`, `${JSON.stringify(subjectText)} is not a distinguished name: ${(err as Error).message}`);
    }
    const issuer = str(raw, 'issuer', field);
    if (raw.caCertificate !== undefined && typeof raw.caCertificate !== 'boolean') throw new PkiRequestError(`${field}.caCertificate`, 'must be a boolean');
    const caLeaf = raw.caCertificate === true;
    if (caLeaf && kind === 'ca') throw new PkiRequestError(`${field}.caCertificate`, 'only applies to member and client certificates');
    const ekus = raw.ekus === undefined ? (kind === 'member' ? ['serverAuth' as const] : kind === 'client' ? ['clientAuth' as const] : []) : stringList(raw.ekus, `${field}.ekus`).map((e, j) => oneOf(e, EKUS, `${field}.ekus[${j}]`));
    if (raw.validity !== undefined && kind === 'ca') throw new PkiRequestError(`${field}.validity`, 'CAs always use the CA window');
    const window: WindowName = kind === 'ca' ? 'ca' : raw.validity === undefined ? 'current' : oneOf(raw.validity, VALIDITY_WINDOWS, `${field}.validity`);
    const isCa = kind === 'ca' || caLeaf;
    return {
      id,
      kind,
      description: str(raw, 'description', field),
      keyType,
      subject: formatDn(rdns),
      rdns,
      issuer,
      sans: resolveSans(raw.sans, kind, `${field}.sans`),
      ekus: [...new Set(ekus)],
      window,
      ...windowDates(window, anchor),
      isCa,
      // Roots are unlimited; an intermediate (and a CA cert posing as a leaf) may only issue leaves.
      pathLength: isCa && issuer !== 'self' ? 0 : undefined,
      bad: resolveBad(raw.bad, `${field}.bad`),
    };
  });

  const byId = new Map(certs.map((c) => [c.id, c]));
  certs.forEach((c, i) => {
    if (c.issuer === 'self') return;
    const issuer = byId.get(c.issuer);
    if (!issuer) throw new PkiRequestError(`certs[${i}].issuer`, `unknown issuer id "${c.issuer}" (use a CA's id or "self")`);
    if (issuer.kind !== 'ca') throw new PkiRequestError(`certs[${i}].issuer`, `"${c.issuer}" is a ${issuer.kind} certificate, not a CA`);
    if (issuer.pathLength === 0 && c.kind === 'ca') throw new PkiRequestError(`certs[${i}].issuer`, `"${c.issuer}" is an intermediate (pathlen 0) and cannot issue another CA`);
  });

  const bundles: ResolvedBundle[] = (request.bundles === undefined ? [] : Array.isArray(request.bundles) ? request.bundles : (() => {
    throw new PkiRequestError('bundles', 'must be an array');
  })()).map((raw: unknown, i: number) => {
    const field = `bundles[${i}]`;
    if (!isRecord(raw)) throw new PkiRequestError(field, 'must be an object');
    noUnknownFields(raw, BUNDLE_FIELDS, field);
    const id = checkId(raw.id, `${field}.id`, ids);
    const cas = stringList(raw.cas, `${field}.cas`);
    if (cas.length === 0) throw new PkiRequestError(`${field}.cas`, 'must name at least one CA');
    cas.forEach((ca, j) => {
      const cert = byId.get(ca);
      if (!cert) throw new PkiRequestError(`${field}.cas[${j}]`, `unknown CA id "${ca}"`);
      if (cert.kind !== 'ca') throw new PkiRequestError(`${field}.cas[${j}]`, `"${ca}" is a ${cert.kind} certificate, not a CA`);
    });
    return { id, description: str(raw, 'description', field), cas: [...cas] };
  });

  return { anchor, certs: issuingOrder(certs), bundles };
}

/** Orders certificates so each issuer precedes what it issues; rejects issuing cycles. */
function issuingOrder(certs: ResolvedCert[]): ResolvedCert[] {
  const byId = new Map(certs.map((c) => [c.id, c]));
  const done = new Set<string>();
  const out: ResolvedCert[] = [];
  const visit = (c: ResolvedCert, path: string[]): void => {
    if (done.has(c.id)) return;
    if (path.includes(c.id)) throw new PkiRequestError(`certs[${certs.indexOf(c)}].issuer`, `issuing cycle: ${[...path, c.id].join(' -> ')}`);
    if (c.issuer !== 'self') visit(byId.get(c.issuer)!, [...path, c.id]);
    done.add(c.id);
    out.push(c);
  };
  for (const c of certs) visit(c, []);
  return out;
}
