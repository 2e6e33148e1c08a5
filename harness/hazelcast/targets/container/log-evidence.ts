// A container member's evidence, rebuilt from its output. The reference member image logs one
// JSON event per line (`--log-format json`), read back into the same events the embedded target
// gives; any other line (a real member's log) is kept as plain 'other' evidence.
//
// Two channels bring the lines: the engine's log stream (complete from the first line, but polled:
// a few hundred milliseconds late) and, once attached, the attach stream (as written). The reference
// member numbers its JSON lines (`seq`), so the two merge exactly — each line once, in the member's
// order, a missing number visible — and it answers a signal with a sync line: `sync()` sends it and
// waits for that line, after which every line the member wrote before it is here. A member without
// numbered lines (Hazelcast Enterprise) is read from the log stream alone, with a fixed lag.
import type { MemberEvidence, MemberEvidenceEvent } from '../../../core/evidence.ts';
import type { MemberLogEntry } from '../../reference-member/index.ts';
import { toEvidenceEvent } from '../member-evidence.ts';

export interface LogRecord {
  line: string;
  entry?: MemberLogEntry;
  event: MemberEvidenceEvent;
  /** The member's line number (reference member), when it has one. */
  seq?: number;
  /** Arrival order (every record). */
  n: number;
}

export type Channel = 'logs' | 'attach';

/** A line's JSON fields: an event (kind + text), a sync answer, and the line number. */
interface Parsed {
  seq?: number;
  sync?: number;
  entry?: MemberLogEntry;
}

function parseJson(line: string): Parsed {
  if (!line.startsWith('{')) return {};
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    const out: Parsed = {};
    if (Number.isInteger(o['seq'])) out.seq = o['seq'] as number;
    if (Number.isInteger(o['sync'])) out.sync = o['sync'] as number;
    if (typeof o['kind'] === 'string' && typeof o['text'] === 'string') {
      const { seq: _s, ...entry } = o;
      out.entry = entry as unknown as MemberLogEntry;
    }
    return out;
  } catch {
    return {};
  }
}

export function parseMemberLine(line: string): Omit<LogRecord, 'n'> {
  const p = parseJson(line);
  if (p.entry) return { line: `${p.entry.time} ${p.entry.text}`, entry: p.entry, event: toEvidenceEvent(p.entry), ...(p.seq !== undefined ? { seq: p.seq } : {}) };
  return { line, event: { kind: 'other', detail: line } };
}

export interface LogEvidenceOptions {
  /**
   * Added to every wait when no sync is possible: lines reach us through the engine's log stream
   * some hundreds of milliseconds after the member wrote them, and a driver's short grace for the
   * member's side of a refusal (tuned for the in-process member) would otherwise miss it.
   */
  lagMs?: number;
}

interface Mark {
  /** Highest line number seen when the mark was taken. */
  seq: number;
  /** Arrival counter when the mark was taken (for lines without a number). */
  n: number;
  /** Wall time (ms) of the mark: a numbered-or-not event logged before it is never the attempt's. */
  time: number;
}

/**
 * Grows as the container logs. A mark is a position *and* a time: a refusal of the previous attempt
 * may land after the next attempt took its mark, and a timestamped event logged by the member
 * before the mark is never counted as the attempt's (the container shares this machine's clock).
 */
export class LogEvidence implements MemberEvidence {
  readonly records: LogRecord[] = [];
  private readonly waiters = new Set<(r: LogRecord) => void>();
  private readonly marks = new Map<number, Mark>();
  private nextMark = 1;
  private arrivals = 0;
  private readonly seen = new Set<number>();
  /** Every line 1..contiguous has arrived. */
  private contiguous = 0;
  private maxSeq = 0;
  /** Sync answers: the highest count seen and the line number it came with. */
  private syncs: Array<{ count: number; seq: number }> = [];
  private readonly syncWaiters = new Set<() => void>();
  private signal: (() => Promise<void>) | undefined;
  private syncChain: Promise<unknown> = Promise.resolve();
  private readonly lagMs: number;
  /** Sync requests sent and how long they took (for tests and the bench). */
  readonly syncStats = { sent: 0, answered: 0, timedOut: 0 };

  constructor(o: LogEvidenceOptions | number = {}) {
    this.lagMs = typeof o === 'number' ? o : (o.lagMs ?? 0);
  }

  /** True once a numbered line arrived: the member can be followed exactly. */
  get numbered(): boolean {
    return this.maxSeq > 0;
  }

  /**
   * Enables sync(): `signal` asks the member for a sync line (sent to the container). From then on
   * waits end on the member's answer instead of a fixed lag.
   */
  enableSync(signal: () => Promise<void>): void {
    this.signal = signal;
  }

  get syncing(): boolean {
    return this.signal !== undefined;
  }

  push(line: string, source = '', channel: Channel = 'logs'): void {
    const p = parseJson(line);
    if (p.seq !== undefined) {
      // Numbered: the first copy counts, whichever channel brought it.
      if (this.seen.has(p.seq)) return;
      this.seen.add(p.seq);
      this.maxSeq = Math.max(this.maxSeq, p.seq);
      while (this.seen.has(this.contiguous + 1)) this.contiguous++;
    } else if (channel === 'attach' && this.numbered) {
      // An unnumbered line of a numbered member (a stray stderr line) is taken from the log stream
      // only: it cannot be matched between the channels.
      return;
    }
    if (p.sync !== undefined) {
      this.syncs.push({ count: p.sync, seq: p.seq ?? 0 });
      for (const w of [...this.syncWaiters]) w();
      return;
    }
    const parsed = parseMemberLine(line);
    const r: LogRecord = { ...parsed, line: source ? `[${source}] ${parsed.line}` : parsed.line, n: ++this.arrivals };
    // In the member's order: a numbered line that filled a gap goes before the later ones.
    let at = this.records.length;
    if (r.seq !== undefined) while (at > 0 && (this.records[at - 1]!.seq ?? 0) > r.seq) at--;
    this.records.splice(at, 0, r);
    for (const w of [...this.waiters]) w(r);
    // A gap closing may complete a pending sync.
    if (p.seq !== undefined) for (const w of [...this.syncWaiters]) w();
  }

  mark(): number {
    const id = this.nextMark++;
    // Back-dated by the start of the current millisecond: ISO times carry milliseconds only.
    this.marks.set(id, { seq: this.maxSeq, n: this.arrivals, time: Math.floor(Date.now()) });
    return id;
  }

  /** Whether a record belongs after the mark: later in the member's order, and not logged before it. */
  private after(mark: number): (r: LogRecord) => boolean {
    const m = this.marks.get(mark);
    if (!m) return () => true;
    return (r) => (r.seq !== undefined ? r.seq > m.seq : r.n > m.n) && (!r.entry?.time || Date.parse(r.entry.time) >= m.time);
  }

  /** Records after the mark; late lines that arrived after it but were logged before it are left out. */
  private recordsSince(mark: number): LogRecord[] {
    return this.records.filter(this.after(mark));
  }

  since(mark: number): MemberEvidenceEvent[] {
    return this.recordsSince(mark).map((r) => r.event);
  }

  text(mark: number): string {
    return this.recordsSince(mark).map((r) => r.line).join('\n');
  }

  /**
   * Every line the member wrote before this call has arrived when this resolves true (false: the
   * member did not answer within `ms`, or no sync is possible). One request at a time.
   */
  sync(ms = 3_000): Promise<boolean> {
    const signal = this.signal;
    if (!signal) return Promise.resolve(false);
    const run = this.syncChain.then(async () => {
      const before = Math.max(0, ...this.syncs.map((s) => s.count));
      this.syncStats.sent++;
      const answered = new Promise<boolean>((resolve) => {
        const check = () => {
          const s = this.syncs.find((x) => x.count > before);
          if (s && this.contiguous >= s.seq) done(true);
        };
        const timer = setTimeout(() => done(false), ms);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          this.syncWaiters.delete(check);
          resolve(ok);
        };
        this.syncWaiters.add(check);
      });
      try {
        await signal();
      } catch {
        // The container is gone or the engine refused: no answer will come.
        return false;
      }
      const ok = await answered;
      if (ok) this.syncStats.answered++;
      else this.syncStats.timedOut++;
      return ok;
    });
    this.syncChain = run.catch(() => undefined);
    return run;
  }

  waitFor(mark: number, pred: (e: MemberEvidenceEvent) => boolean, ms: number): Promise<MemberEvidenceEvent | undefined> {
    const keep = this.after(mark);
    return new Promise((resolve) => {
      let settled = false;
      const done = (e: MemberEvidenceEvent | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(e);
      };
      const check = (r: LogRecord) => {
        if (keep(r) && pred(r.event)) done(r.event);
      };
      // With sync: the grace is the member's own time to log; then one sync makes sure nothing it
      // wrote is still in transit. Without: the grace plus the log stream's lag.
      const timer = setTimeout(
        () => {
          if (!this.signal) return done(undefined);
          void this.sync().then(() => done(undefined));
        },
        ms + (this.signal ? 0 : this.lagMs),
      );
      this.waiters.add(check);
      for (const r of this.recordsSince(mark)) if (pred(r.event)) return done(r.event);
    });
  }

  /** Resolves with the first record matching `pred` (already here or arriving within `ms`), else undefined. */
  waitForRecord(pred: (r: LogRecord) => boolean, ms: number): Promise<LogRecord | undefined> {
    const found = this.records.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const check = (r: LogRecord) => {
        if (pred(r)) done(r);
      };
      const done = (r: LogRecord | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(r);
      };
      const timer = setTimeout(() => done(undefined), ms);
      this.waiters.add(check);
    });
  }

  /** First entry matching `pred` (reference member lines only). */
  find(pred: (e: MemberLogEntry) => boolean): MemberLogEntry | undefined {
    return this.records.find((r) => r.entry && pred(r.entry))?.entry;
  }
}
