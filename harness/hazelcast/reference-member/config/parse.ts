// Entry point of the configuration reader: a real Hazelcast member configuration file, XML or
// YAML, into the MemberConfig the reference member runs with. See supported.ts for what is
// honoured, what is accepted without effect, and what is refused.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ConfigError, type MemberConfig } from './model.ts';
import { readXmlConfig } from './read-xml.ts';
import { readYamlConfig } from './read-yaml.ts';
import type { FinishOptions } from './build.ts';

export type ConfigFormat = 'xml' | 'yaml';

export interface LoadOptions extends FinishOptions {
  /** Force the format instead of deciding by extension and content. */
  format?: ConfigFormat;
}

/** .xml / .yaml / .yml decide; otherwise a document starting with '<' is XML. */
export function detectFormat(file: string, text: string): ConfigFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.xml') return 'xml';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('<') ? 'xml' : 'yaml';
}

/** Parses configuration text; `file` names it in errors. */
export function parseMemberConfig(text: string, file: string, opts: LoadOptions = {}): MemberConfig {
  const format = opts.format ?? detectFormat(file, text);
  return format === 'xml' ? readXmlConfig(text, file, opts) : readYamlConfig(text, file, opts);
}

/** Reads and checks a member configuration file; `overrides.port` replaces network/port. */
export async function loadMemberConfig(file: string, overrides: { port?: number } = {}, opts: LoadOptions = {}): Promise<MemberConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, '(file)', `cannot read the configuration: ${(e as Error).message}`);
  }
  const config = parseMemberConfig(text, file, opts);
  if (overrides.port !== undefined) {
    if (!Number.isInteger(overrides.port) || overrides.port < 0 || overrides.port > 65535) {
      throw new ConfigError(file, '--port', `expected a port from 0 to 65535, got ${overrides.port}`);
    }
    config.port = overrides.port;
  }
  return config;
}
