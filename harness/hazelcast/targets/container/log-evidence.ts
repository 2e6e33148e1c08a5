// A container member's evidence, rebuilt from its log stream. The reference member image logs one
// JSON event per line (`--log-format json`), read back into the same events the embedded target
// gives; any other line (a real member's log) is kept as plain 'other' evidence.
import type { MemberEvidence, MemberEvidenceEvent } from '../../../core/evidence.ts';
import type { MemberLogEntry } from '../../reference-member/index.ts';
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

/**
 * Grows as the container logs. Unlike the embedded member's log, lines arrive late (through the
 * engine's log stream): a refusal of the previous attempt may land after the next attempt took its
 * mark. So a mark is a position *and* a time, and a timestamped event logged by the member before
 * the mark is never counted as the attempt's (the container shares this machine's clock).
 */
export class LogEvidence implements MemberEvidence {
  readonly records: LogRecord[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly marks = new Map<number, { index: number; time: number }>();
  private nextMark = 1;

  /**
   * @param lagMs added to every wait: a container's lines reach us through the engine's log stream
   * some hundreds of milliseconds after the member wrote them, and a driver's short grace for the
   * member's side of a refusal (tuned for the in-process member) would otherwise miss it. A wait
   * still ends as soon as the event arrives.
   */
  constructor(private readonly lagMs = 0) {}

  private after(mark: number): (r: LogRecord) => boolean {
    const m = this.marks.get(mark);
    if (!m) return () => true;
    return (r) => !r.entry?.time || Date.parse(r.entry.time) >= m.time;
  }

  private from(mark: number): number {
    return this.marks.get(mark)?.index ?? 0;
  }

  push(line: string, source = ''): void {
    const r = parseMemberLine(line);
    this.records.push(source ? { ...r, line: `[${source}] ${r.line}` } : r);
    for (const w of [...this.waiters]) w();
  }

  mark(): number {
    const id = this.nextMark++;
    // Back-dated by the start of the current millisecond: ISO times carry milliseconds only.
    this.marks.set(id, { index: this.records.length, time: Math.floor(Date.now()) });
    return id;
  }

  /** Records after the mark; late lines that arrived after it but were logged before it are left out. */
  private recordsSince(mark: number): LogRecord[] {
    const keep = this.after(mark);
    return this.records.slice(this.from(mark)).filter(keep);
  }

  since(mark: number): MemberEvidenceEvent[] {
    return this.recordsSince(mark).map((r) => r.event);
  }

  text(mark: number): string {
    return this.recordsSince(mark).map((r) => r.line).join('\n');
  }

  waitFor(mark: number, pred: (e: MemberEvidenceEvent) => boolean, ms: number): Promise<MemberEvidenceEvent | undefined> {
    const keep = this.after(mark);
    return new Promise((resolve) => {
      let seen = this.from(mark);
      const check = () => {
        for (; seen < this.records.length; seen++) {
          const r = this.records[seen]!;
          const e = r.event;
          if (keep(r) && pred(e)) {
            done(e);
            return;
          }
        }
      };
      const timer = setTimeout(() => done(undefined), ms + this.lagMs);
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
