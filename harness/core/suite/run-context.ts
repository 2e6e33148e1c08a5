// Everything one suite file shares while it walks its cells: the PKI set, the driver, and pools that
// keep cost growing with configurations, not cells — one member per member configuration, one
// client connection per client identity within it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PkiManifest } from '../../../pki/types.ts';
import type { ClientDriver, ClientSession, ConnectAttempt } from '../../clients/driver.ts';
import type { ClientSetup, Outcome } from '../plan/cell.ts';
import type { StartedTarget, TargetProvider } from '../target.ts';
import type { KerberosClientEnv } from '../services/kerberos-token.ts';
import { canonicalJson as canonicalKey } from '../../../pki/canonical-hash.ts';

/** Services a suite file provisions for its cells (the realms area's LDAP and KDC). */
export interface RunServices {
  /** What the family's targets are told about the services (Hazelcast: TargetServices). */
  target: unknown;
  kerberos?: KerberosClientEnv;
  /** Literal secrets of the services (admin and user passwords), redacted from every output. */
  secrets?: string[];
  stop(): Promise<void>;
}

export interface RunCounters {
  memberStarts: number;
  connections: number;
}

export class RunContext {
  readonly counters: RunCounters = { memberStarts: 0, connections: 0 };
  /** LDAP / KDC services of the suite file (realms area), set by its provisioning hook; released by close(). */
  services: RunServices | undefined;
  private current: { key: string; target: StartedTarget; sessions: Map<string, { session: ClientSession; outcome: Outcome }> } | undefined;

  constructor(
    readonly pki: PkiManifest,
    readonly driver: ClientDriver,
    readonly provider: TargetProvider<unknown, unknown>,
    private readonly workDir: string,
  ) {}

  static async load(manifestPath: string, driver: ClientDriver, provider: TargetProvider<unknown, unknown>, workDir: string): Promise<RunContext> {
    const pki = JSON.parse(await readFile(manifestPath, 'utf8')) as PkiManifest;
    return new RunContext(pki, driver, provider, workDir);
  }

  /** The member for a configuration; starting it stops the previous one (cells come grouped). */
  async memberFor(setup: unknown): Promise<StartedTarget> {
    const key = canonicalKey(setup);
    if (this.current?.key === key) return this.current.target;
    await this.releaseMember();
    const dir = join(this.workDir, `member-${this.counters.memberStarts + 1}`);
    const target = await this.provider.start(setup, { pki: this.pki, workDir: dir, ...(this.services ? { services: this.services.target } : {}) });
    this.counters.memberStarts++;
    this.current = { key, target, sessions: new Map() };
    return target;
  }

  /**
   * Connects with the client setup, or reuses the live session of an identical setup on the same
   * member. Only successful connections are kept.
   */
  async connect(target: StartedTarget, client: ClientSetup): Promise<ConnectAttempt> {
    const key = canonicalKey(client);
    const live = this.current?.target === target ? this.current.sessions.get(key) : undefined;
    if (live) return { outcome: live.outcome, session: live.session, evidence: { 'client log': '(reused the live connection of an identical client)' }, durationMs: 0 };
    const attempt = await this.driver.connect(target.endpoint, client, { pki: this.pki, evidence: target.evidence, ...(this.services?.kerberos ? { kerberos: this.services.kerberos } : {}) });
    this.counters.connections++;
    if (attempt.session && this.current?.target === target) this.current.sessions.set(key, { session: attempt.session, outcome: attempt.outcome });
    return attempt;
  }

  private async releaseMember(): Promise<void> {
    const cur = this.current;
    this.current = undefined;
    if (!cur) return;
    for (const s of cur.sessions.values()) await s.session.close();
    await cur.target.stop();
  }

  async close(): Promise<void> {
    await this.driver.drain();
    await this.releaseMember();
    const services = this.services;
    this.services = undefined;
    await services?.stop();
  }
}
