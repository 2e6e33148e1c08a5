// A process group this process started (Cassandra's JVM, an adapter) must not outlive it, however it
// ends — also SIGKILL, when no cleanup runs (a suite worker killed by the run). A tiny detached shell
// polls both and kills the group once this process is gone; it ends by itself when the group ends.
import { spawn } from 'node:child_process';

export function watchGroup(pgid: number): void {
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 0.5; done; kill -KILL -"$2" 2>/dev/null; exit 0';
  const w = spawn('sh', ['-c', script, 'secmatrix-watchdog', String(process.pid), String(pgid)], { detached: true, stdio: 'ignore' });
  w.unref();
}
