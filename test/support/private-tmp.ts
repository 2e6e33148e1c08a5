// A private TMPDIR for the runs one test starts, so "nothing left behind" means this test's runs
// only: integration files run two at a time, and other runs on the machine make the same kinds of
// temp dirs and start the same adapters. What a run leaves is what is in the private dir; its
// processes are those that carry TMPDIR=<the private dir> in their environment (children inherit it).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateTmp {
  dir: string;
  /** Environment for the runs: TMPDIR set to the private dir. */
  env: { TMPDIR: string };
  /** Entries left in the private dir whose names start with the prefix (default: any). */
  leftovers(prefix?: string): string[];
  /** Live processes (pid and command line) whose environment has this TMPDIR, this process excluded. */
  processes(): string[];
  remove(): void;
}

export function privateTmp(label: string): PrivateTmp {
  const dir = mkdtempSync(join(tmpdir(), `secmatrix-test-${label}-`));
  const marker = `TMPDIR=${dir}`;
  return {
    dir,
    env: { TMPDIR: dir },
    leftovers: (prefix = '') => readdirSync(dir).filter((d) => d.startsWith(prefix)),
    processes() {
      const out: string[] = [];
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
        try {
          if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker)) continue;
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
          out.push(`${pid}${cmd.includes('CassandraDaemon') ? ' [CassandraDaemon]' : ''} ${cmd.slice(0, 160)}`);
        } catch {
          /* gone, or not ours to read */
        }
      }
      return out;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
