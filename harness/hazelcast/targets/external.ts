// The external target: a cluster someone else already runs, given by address plus the member
// configuration file it runs with. The oracle computes each cell from the cell's own member setup,
// so a cell runs only when the cell's configuration is the cluster's (same settings, same store
// contents); every other cell is not applicable, with the difference named.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PkiManifest } from '../../../pki/types.ts';
import { canonicalJson } from '../../../pki/canonical-hash.ts';
import { parseHostPort } from '../../core/util/host-port.ts';
import type { MemberEvidence } from '../../core/evidence.ts';
import { parseMemberConfig, type MemberConfig } from '../reference-member/index.ts';
import type { MemberSetup } from '../model.ts';
import { renderMemberConfig, storesFromPki } from '../render/index.ts';
import { memberConfigFile, type StartedTarget, type TargetProvider, type TargetServices } from './target.ts';

export interface ExternalTargetOptions {
  /** host:port of one member of the running cluster. */
  address: string;
  /** The member configuration file (XML or YAML) the cluster runs with. */
  configFile: string;
  serverVersion?: string;
}

/** What decides a cell's outcome, without file locations, passwords or the port: stores by content. */
export function comparableConfig(c: MemberConfig): unknown {
  const store = (path: string | undefined) => {
    if (!path) return undefined;
    try {
      return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    } catch {
      return `unreadable:${path}`;
    }
  };
  const ssl = c.ssl && { ...c.ssl, keyStore: store(c.ssl.keyStore), trustStore: store(c.ssl.trustStore), keyStorePassword: undefined, trustStorePassword: undefined };
  return JSON.parse(canonicalJson({ clusterName: c.clusterName, ssl, security: c.security }));
}

/** No member log is reachable: the driver judges from the client side alone. */
const NO_EVIDENCE: MemberEvidence = { mark: () => 0, since: () => [], waitFor: async () => undefined };

export class ExternalTarget implements TargetProvider {
  readonly name = 'external';
  readonly serverVersion: string;
  private readonly endpoint: { host: string; port: number };
  private cluster: Promise<{ text: string; comparable: string }> | undefined;

  constructor(private readonly o: ExternalTargetOptions) {
    this.endpoint = parseHostPort(o.address, '--external-address');
    this.serverVersion = `${o.serverVersion ?? 'external cluster'} at ${o.address}`;
  }

  private clusterConfig() {
    this.cluster ??= readFile(this.o.configFile, 'utf8').then((text) => ({ text, comparable: canonicalJson(comparableConfig(parseMemberConfig(text, this.o.configFile))) }));
    return this.cluster;
  }

  /** Why this cell cannot run against the cluster (its configuration is another), or undefined. */
  async notApplicable(setup: MemberSetup, ctx: { pki: PkiManifest; services?: TargetServices }): Promise<string | undefined> {
    const mine = renderMemberConfig(setup, storesFromPki(ctx.pki), { port: this.endpoint.port, ...(ctx.services ? { services: ctx.services.refs } : {}) });
    const cellConfig = canonicalJson(comparableConfig(parseMemberConfig(mine.xml, 'cell configuration')));
    return cellConfig === (await this.clusterConfig()).comparable ? undefined : `the external cluster runs another member configuration (${this.o.configFile}) than this cell needs`;
  }

  async start(setup: MemberSetup, ctx: { pki: PkiManifest; workDir: string; services?: TargetServices }): Promise<StartedTarget> {
    const why = await this.notApplicable(setup, ctx);
    if (why) throw new Error(why);
    await mkdir(ctx.workDir, { recursive: true });
    const text = (await this.clusterConfig()).text;
    const path = join(ctx.workDir, 'hazelcast.xml');
    await writeFile(path, text, { mode: 0o600 });
    return {
      endpoint: this.endpoint,
      evidence: NO_EVIDENCE,
      config: memberConfigFile(path, text),
      logSince: () => '(external cluster: its member log is not reachable from here)',
      // Not ours to stop.
      stop: async () => undefined,
    };
  }
}
