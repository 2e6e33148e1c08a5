// Public API of the planning layer (every family's cells, expansion and planner).
export * from './cell.ts';
export { expandAreas, requirementsOf, type CellBuilder, type CellSides, type ExpandInput } from './expand.ts';
export type { AreaMatrix, RequirementSpec } from './requirement.ts';
export { planGroups, memberFingerprint, clientIdentityKey, type MemberGroup, type IdentityGroup } from './planner.ts';
export { MatrixError } from './matrix-error.ts';
export { stableHash, stableStringify } from './fingerprint.ts';
export type { TlsCatalogue, CipherSuite, CertificateFacts, PkiFacts, RuntimeDefaults, ServerTlsSettings } from './tls-facts.ts';
