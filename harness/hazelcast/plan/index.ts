// Public API of the Hazelcast family's planning: its matrices, catalogue and expansion.
export { expandMatrices, matrixFingerprint, requirementsOf, hazelcastCellBuilder, type ExpandOptions } from './expand.ts';
export { planGroups, memberFingerprint, clientIdentityKey, type MemberGroup, type IdentityGroup } from '../../core/plan/planner.ts';
export { loadMatrices, DEFAULT_MATRICES_DIR, type LoadedMatrices, type AreaMatrix, type RequirementSpec } from './load.ts';
export type { Catalogue, CipherSuite, CertificateFacts } from './catalogue.ts';
export {
  pairChecks,
  pairObject,
  perPairEntries,
  resolveNeed,
  shortType,
  PERMISSION_CATALOGUE_FILE,
  type PermissionCatalogue,
  type OperationSpec,
  type PermissionTypeSpec,
  type PermissionNeed,
  type PairSide,
} from './permission-catalogue.ts';
