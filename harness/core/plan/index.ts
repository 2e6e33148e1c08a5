// Public API of the planning layer.
export * from './cell.ts';
export { expandMatrices, matrixFingerprint, requirementsOf, type ExpandOptions } from './expand.ts';
export { planGroups, memberFingerprint, clientIdentityKey, type MemberGroup, type IdentityGroup } from './planner.ts';
export { loadMatrices, DEFAULT_MATRICES_DIR, type LoadedMatrices, type AreaMatrix, type RequirementSpec } from '../../hazelcast/plan/load.ts';
export { MatrixError } from './matrix-error.ts';
export { stableHash, stableStringify } from './fingerprint.ts';
export type { Catalogue, CipherSuite, CertificateFacts } from '../../hazelcast/plan/catalogue.ts';
export { pairChecks, pairObject, perPairEntries, resolveNeed, shortType, PERMISSION_CATALOGUE_FILE, type PermissionCatalogue, type OperationSpec, type PermissionTypeSpec, type PermissionNeed, type PairSide } from '../../hazelcast/plan/permission-catalogue.ts';
