// Findings: what a client does when it is given nothing but "TLS enabled", as the client itself
// reported it in the default-configuration cells (evidence CLIENT_DEFAULTS_EVIDENCE), judged
// against what the documents say. Insecure defaults are listed in the certification report.
import { CLIENT_DEFAULTS_EVIDENCE, type CellResult } from '../harness/core/plan/cell.ts';

export interface Finding {
  /** insecure-default: a default that weakens security; documented-default: a default as documented. */
  kind: 'insecure-default' | 'documented-default';
  setting: string;
  observed: string;
  documents: string;
  /** Cell ids whose evidence shows it. */
  cells: string[];
}

interface Defaults {
  hostnameVerification?: boolean;
  verifiesMember?: boolean;
  trust?: string;
}

export function clientDefaultFindings(results: readonly CellResult[]): Finding[] {
  const seen: Array<{ cell: string; d: Defaults }> = [];
  for (const r of results) {
    const text = r.evidence?.[CLIENT_DEFAULTS_EVIDENCE];
    if (!text) continue;
    try {
      seen.push({ cell: r.cell.id, d: JSON.parse(text) as Defaults });
    } catch {
      /* not ours */
    }
  }
  if (seen.length === 0) return [];
  const cellsWhere = (p: (d: Defaults) => boolean) => seen.filter((s) => p(s.d)).map((s) => s.cell);
  const out: Finding[] = [];
  const noHostname = cellsWhere((d) => d.hostnameVerification === false);
  if (noHostname.length) {
    out.push({
      kind: 'insecure-default',
      setting: 'hostname verification',
      observed:
        'off: with no TLS options the client accepts a member certificate issued for any host, as long as it chains to ' +
        'a trusted CA (its own checkServerIdentity accepts every name)',
      documents:
        'the Hazelcast client documents do not state this default; cassandra-python-driver-security.txt §SSL notes ' +
        "that the default SSL context of Python (ssl.create_default_context) checks host names. Configure the client's " +
        'TLS options explicitly to get hostname verification.',
      cells: noHostname,
    });
  }
  const noVerify = cellsWhere((d) => d.verifiesMember === false);
  if (noVerify.length) {
    out.push({
      kind: 'insecure-default',
      setting: 'member certificate verification',
      observed: 'off: any member certificate is accepted',
      documents: 'hazelcast-python-client-tls.txt §Setting CA File: without a CA file the default CA certificates are used (verification stays on)',
      cells: noVerify,
    });
  }
  const defaultCas = cellsWhere((d) => d.verifiesMember !== false && d.trust === 'default CAs');
  if (defaultCas.length) {
    out.push({
      kind: 'documented-default',
      setting: 'trusted CAs',
      observed: "the runtime's default CA certificates",
      documents: 'hazelcast-python-client-tls.txt §Setting CA File: "a set of default CA certificates from default locations will be used"',
      cells: defaultCas,
    });
  }
  return out;
}

export function findingsMarkdown(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const lines = [
    '## Findings: client defaults',
    '',
    'What the client does when given only `TLS enabled`, as the client itself reported it in the default-configuration cells.',
    '',
  ];
  for (const f of findings) {
    lines.push(
      `- **${f.kind === 'insecure-default' ? 'INSECURE DEFAULT' : 'documented default'} — ${f.setting}:** ${f.observed}. ` +
        `Documents: ${f.documents} (cells: ${f.cells.map((c) => `\`${c}\``).join(', ')})`,
    );
  }
  lines.push('');
  return lines;
}
