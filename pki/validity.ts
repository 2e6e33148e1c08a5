// Validity windows. Certificates must not change on every run (that would defeat the cache and the
// manifest's fingerprints), yet good ones must be valid now. So every window is fixed relative to an
// anchor that moves once a year: the start (00:00 UTC, 1 January) of the current UTC year.
import type { ValidityWindow } from './types.ts';

export type WindowName = ValidityWindow | 'ca';

/** Human-readable placement of each window, written into the manifest. */
export const WINDOW_DESCRIPTIONS: Record<WindowName, string> = {
  ca: 'anchor - 5 years .. anchor + 20 years (covers every leaf window)',
  current: 'anchor - 1 day .. anchor + 5 years (valid now)',
  expired: 'anchor - 3 years .. anchor - 1 year (ended at least a year ago)',
  'not-yet-valid': 'anchor + 10 years .. anchor + 15 years (starts in the future)',
};

/** Start of the current UTC year. */
export function defaultAnchor(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
}

function plusYears(d: Date, years: number): Date {
  const r = new Date(d.getTime());
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function windowDates(window: WindowName, anchor: Date): { notBefore: Date; notAfter: Date } {
  switch (window) {
    case 'ca':
      return { notBefore: plusYears(anchor, -5), notAfter: plusYears(anchor, 20) };
    case 'current':
      return { notBefore: new Date(anchor.getTime() - DAY_MS), notAfter: plusYears(anchor, 5) };
    case 'expired':
      return { notBefore: plusYears(anchor, -3), notAfter: plusYears(anchor, -1) };
    case 'not-yet-valid':
      return { notBefore: plusYears(anchor, 10), notAfter: plusYears(anchor, 15) };
  }
}
