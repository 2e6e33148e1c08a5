// Python virtual environments for adapters, one per client version and cached:
// ~/.cache/secmatrix/venvs/<name>-<version> (SECMATRIX_CACHE_DIR moves the root). A venv counts as
// made only once its marker file is written, so an interrupted install is redone, not trusted.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheRoot(): string {
  return process.env['SECMATRIX_CACHE_DIR'] ?? join(homedir(), '.cache', 'secmatrix');
}

const MARKER = '.secmatrix-ready';

/** Runs a tool in its own process group, killed after ms; rejects with the tail of its output. */
export function runBounded(argv: string[], ms: number, log: (l: string) => void, env?: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env } });
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, ms);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')}: ${e.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        log(`${argv.slice(0, 4).join(' ')} … done`);
        resolve();
      } else reject(new Error(`${argv.join(' ')} ${signal ? `was killed (${signal}, limit ${ms} ms)` : `exited ${code}`}:\n${out}`));
    });
  });
}

export interface VenvOptions {
  /** Environment of the pip install (a package's build switches). */
  env?: Record<string, string>;
  /** Installed first; then the packages are built with them, without pip's build isolation (old setup.py files). */
  buildWith?: string[];
}

/** The venv's python, making the venv first (python3 -m venv; pip install the pinned packages). */
export async function ensureVenv(
  name: string,
  version: string,
  packages: string[],
  log: (l: string) => void = () => undefined,
  o: VenvOptions = {},
): Promise<string> {
  const dir = join(cacheRoot(), 'venvs', `${name}-${version}`);
  const python = join(dir, 'bin', 'python');
  if (existsSync(join(dir, MARKER)) && existsSync(python)) return python;
  log(`making the Python environment ${dir} (${packages.join(' ')})`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(cacheRoot(), 'venvs'), { recursive: true });
  await runBounded([process.env['SECMATRIX_PYTHON'] ?? 'python3', '-m', 'venv', dir], 120_000, log);
  const pip = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '-q'];
  if (o.buildWith?.length) await runBounded([...pip, ...o.buildWith], 300_000, log);
  await runBounded([...pip, ...(o.buildWith?.length ? ['--no-build-isolation'] : []), ...packages], 600_000, log, o.env);
  await writeFile(join(dir, MARKER), `${packages.join('\n')}\n`);
  return python;
}
