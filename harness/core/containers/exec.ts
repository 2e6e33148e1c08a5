// Runs the engine's and the system's command-line tools with a bound on every call: a hung
// podman or apt must end the setup with an error, never hang it.
import { execa } from 'execa';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunCommandOptions {
  timeoutMs: number;
  /** Bytes or a file piped to stdin. */
  input?: string | Buffer;
  inputFile?: string;
  env?: Record<string, string>;
  /** Resolve with a non-zero exit code instead of throwing. */
  allowFailure?: boolean;
}

export async function runCommand(file: string, args: string[], o: RunCommandOptions): Promise<CommandResult> {
  const r = await execa(file, args, {
    timeout: o.timeoutMs,
    reject: false,
    ...(o.input !== undefined ? { input: o.input } : {}),
    ...(o.inputFile !== undefined ? { inputFile: o.inputFile } : {}),
    env: { ...o.env },
    stripFinalNewline: true,
  });
  const result = { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1 };
  if (r.timedOut) throw new Error(`${file} ${args.join(' ')}: still running after ${o.timeoutMs} ms, stopped`);
  if (result.exitCode !== 0 && !o.allowFailure) {
    const tail = (result.stderr || result.stdout).split('\n').slice(-15).join('\n');
    throw new Error(`${file} ${args.join(' ')} failed (exit ${result.exitCode}):\n${tail}`);
  }
  return result;
}

/** True when the command is on PATH. */
export async function hasCommand(name: string): Promise<boolean> {
  const r = await runCommand('sh', ['-c', `command -v ${name}`], { timeoutMs: 5_000, allowFailure: true });
  return r.exitCode === 0;
}
