// The adapter protocol's JSON Schemas (docs/adapter-protocol/*.schema.json), compiled once with ajv:
// every line an adapter prints is checked against the schema of the answer its request expects.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../core/util/repo-root.ts';
import { Ajv, type ValidateFunction } from 'ajv';

export const SCHEMA_DIR = join(REPO_ROOT, 'docs', 'adapter-protocol');

export type RequestType = 'hello' | 'connect' | 'run' | 'close' | 'bye';

let compiled: Map<string, ValidateFunction> | undefined;

function schemas(): Map<string, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false });
  compiled = new Map();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
    compiled.set(file.replace('.schema.json', ''), ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'))));
  }
  return compiled;
}

function check(name: string, value: unknown): string | undefined {
  const v = schemas().get(name);
  if (!v) throw new Error(`no schema ${name}.schema.json in ${SCHEMA_DIR}`);
  if (v(value)) return undefined;
  return (v.errors ?? []).map((e) => `${e.instancePath || '(message)'} ${e.message ?? ''}`.trim()).join('; ');
}

/** Why a response to a request of this type breaks the protocol, or undefined when it is valid. */
export function responseProblem(request: RequestType, response: unknown): string | undefined {
  if (typeof response === 'object' && response !== null && (response as { type?: unknown }).type === 'protocol-error') return check('protocol-error', response);
  return check(`${request}-response`, response);
}

/** Why a request the runner is about to send breaks the protocol (a runner bug, caught in tests). */
export function requestProblem(request: RequestType, message: unknown): string | undefined {
  return check(`${request}-request`, message);
}
