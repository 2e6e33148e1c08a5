// Captures the Node client's log in memory: the client never says *why* it could not connect except
// in its log, so the driver reads the cause from here.
import { LogLevel, type ILogger } from 'hazelcast-client';

export interface ClientLogEntry {
  level: string;
  source: string;
  message: string;
}

export class CapturingLogger implements ILogger {
  readonly entries: ClientLogEntry[] = [];

  log(level: LogLevel, objectName: string, message: string, furtherInfo: unknown): void {
    if (level > LogLevel.DEBUG) return;
    const extra = furtherInfo instanceof Error ? ` ${furtherInfo.name}: ${furtherInfo.message}` : furtherInfo ? ` ${String(furtherInfo)}` : '';
    this.entries.push({ level: LogLevel[level] ?? String(level), source: objectName, message: message + extra });
  }
  error(o: string, m: string, f?: unknown): void { this.log(LogLevel.ERROR, o, m, f); }
  warn(o: string, m: string, f?: unknown): void { this.log(LogLevel.WARN, o, m, f); }
  info(o: string, m: string, f?: unknown): void { this.log(LogLevel.INFO, o, m, f); }
  debug(o: string, m: string, f?: unknown): void { this.log(LogLevel.DEBUG, o, m, f); }
  trace(o: string, m: string, f?: unknown): void { this.log(LogLevel.TRACE, o, m, f); }

  /** Warnings and errors: where connection failures are reported. */
  problems(): string[] {
    return this.entries.filter((e) => e.level === 'WARN' || e.level === 'ERROR').map((e) => e.message);
  }

  text(): string {
    return this.entries.map((e) => `${e.level} [${e.source}] ${e.message}`).join('\n');
  }
}
