// A container member's evidence, rebuilt from its log stream. The reference member image logs one
// JSON event per line (`--log-format json`), read back into the same events the embedded target
// gives; any other line (a real member's log) is kept as plain 'other' evidence.
import type { MemberEvidence, MemberEvidenceEvent } from '../../drivers/driver.ts';
import type { MemberLogEntry } from '../../member/server.ts';
import { toEvidenceEvent } from '../member-evidence.ts';

export interface LogRecord {
  line: string;
  entry?: MemberLogEntry;
  event: MemberEvidenceEvent;
}

export function parseMemberLine(line: string): LogRecord {
  if (line.startsWith('{')) {
    try {
      const entry = JSON.parse(line) as MemberLogEntry;
      if (typeof entry.kind === 'string' && typeof entry.text === 'string') return { line: `${entry.time} ${entry.text}`, entry, event: toEvidenceEvent(entry) };
    } catch {
      /* not one of ours: plain line */
    }
  }
  return { line, event: { kind: 'other', detail: line } };
}

/** Grows as the container logs; positions (marks) index the records, as with the embedded member. */
export class LogEvidence implements MemberEvidence {
  readonly records: LogRecord[] = [];
  private readonly waiters = new Set<() => void>();

  push(line: string, source = ''): void {
    const r = parseMemberLine(line);
    this.records.push(source ? { ...r, line: `[${source}] ${r.line}` } : r);
    for (const w of [...this.waiters]) w();
  }

  mark(): number {
    return this.records.length;
  }

  since(mark: number): MemberEvidenceEvent[] {
    return this.records.slice(mark).map((r) => r.event);
  }

  text(mark: number): string {
    return this.records.slice(mark).map((r) => r.line).join('\n');
  }

  waitFor(mark: number, pred: (e: MemberEvidenceEvent) => boolean, ms: number): Promise<MemberEvidenceEvent | undefined> {
    return new Promise((resolve) => {
      let seen = mark;
      const check = () => {
        for (; seen < this.records.length; seen++) {
          const e = this.records[seen]!.event;
          if (pred(e)) {
            done(e);
            return;
          }
        }
      };
      const timer = setTimeout(() => done(undefined), ms);
      const done = (e: MemberEvidenceEvent | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(e);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** First entry matching `pred` (reference member lines only). */
  find(pred: (e: MemberLogEntry) => boolean): MemberLogEntry | undefined {
    return this.records.find((r) => r.entry && pred(r.entry))?.entry;
  }
}
