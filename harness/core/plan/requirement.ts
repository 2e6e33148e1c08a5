// A requirement as a family's matrix file states it, before expansion into cells: the shape every
// family's loader produces and the core expansion (expand.ts) consumes.
import type { Area, Severity, SourceRef } from './cell.ts';

/** One requirement of an area file, before expansion. */
export interface RequirementSpec {
  id: string;
  title: string;
  source: SourceRef;
  severity: Severity;
  /** Template over coordinates: "member {memberProtocol} × client {clientVersion}". */
  name: string;
  fixed: Record<string, string>;
  cases: Record<string, string>[];
  vary: [string, string[]][];
  /** Where it was read from, for errors raised later (expansion, oracle). */
  file: string;
  path: string;
}

export interface AreaMatrix {
  area: Area;
  file: string;
  requirements: RequirementSpec[];
}
