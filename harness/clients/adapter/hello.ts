// Starting an adapter: the process, then `hello` (protocol version, the client's name and version,
// capabilities). Shared by every family's runner and by `secmatrix adapter check`.
import { CAPABILITIES } from '../../core/plan/cell.ts';
import { AdapterProcess, type AdapterFailure, type AdapterCommand, type AdapterMessage } from './process.ts';

export const PROTOCOL_VERSION = 1;

/** Capability spellings of the draft's example, accepted as aliases of the suite's names. */
const CAPABILITY_ALIASES: Record<string, string> = {
  'tls.protocol-pin': CAPABILITIES.pinTlsVersion,
  'credentials.username-password': CAPABILITIES.passwordCredentials,
  'credentials.token': CAPABILITIES.tokenCredentials,
  'credentials.kerberos': CAPABILITIES.kerberosCredentials,
};

export interface HelloFacts {
  client: { name: string; version: string; language: string };
  adapter: { version: string };
  capabilities: string[];
}

export class AdapterStartError extends Error {
  override name = 'AdapterStartError';
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Starts an adapter process and says hello; throws AdapterStartError (with its stderr) when it cannot. */
export async function startAdapter(spec: { name: string; command: AdapterCommand }, helloMs: number): Promise<{ proc: AdapterProcess; hello: HelloFacts }> {
  const proc = new AdapterProcess(spec.command, `adapter ${spec.name}`);
  let answer: AdapterMessage;
  try {
    answer = await proc.request('hello', { protocol: PROTOCOL_VERSION }, helloMs);
  } catch (err) {
    await proc.stop(1000);
    const f = err as AdapterFailure;
    throw new AdapterStartError(`hello failed: ${f.message}`, f.stderr ?? proc.stderr);
  }
  if (answer.type === 'protocol-error' || answer['protocol'] !== PROTOCOL_VERSION) {
    await proc.stop(1000);
    const why = answer.type === 'protocol-error' ? String(answer['message']) : `it answered protocol ${String(answer['protocol'])}`;
    throw new AdapterStartError(`adapter ${spec.name} does not speak protocol ${PROTOCOL_VERSION}: ${why}`, proc.stderr);
  }
  const caps = (answer['capabilities'] as string[]).map((c) => CAPABILITY_ALIASES[c] ?? c);
  return { proc, hello: { client: answer['client'] as HelloFacts['client'], adapter: answer['adapter'] as HelloFacts['adapter'], capabilities: caps } };
}
