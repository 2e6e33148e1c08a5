// Runs an external tool (openssl, keytool, java, python3) with a bounded wait.
import { execa } from 'execa';

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for matching messages that tools print on either. */
  output: string;
}

export async function runTool(file: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<ToolResult> {
  const r = await execa(file, args, { reject: false, timeout: opts.timeoutMs ?? 20_000, all: true, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  if (r.timedOut) throw new Error(`${file} ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 20_000} ms`);
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), output: String(r.all) };
}
