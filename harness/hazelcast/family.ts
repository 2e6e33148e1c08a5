// The Hazelcast family as core sees it (harness/core/family.ts): its areas, matrices, oracle,
// renderer and targets behind one object.
import type { SystemFamily } from '../core/family.ts';
import { HAZELCAST_AREAS, HAZELCAST_ID_PREFIX, type MemberSetup } from './model.ts';

export { HAZELCAST_ID_PREFIX } from './model.ts';
import { expectOutcome } from './oracle/oracle.ts';
import { expandMatrices, matrixFingerprint } from './plan/expand.ts';
import { loadMatrices, type LoadedMatrices } from './plan/load.ts';
import { renderMemberConfig, storesFromPki } from './render/index.ts';
import { createTarget, TARGET_NAMES } from './targets/index.ts';

/** The system under test, as reports name it. */
export const HAZELCAST_SYSTEM = 'Hazelcast';

/** PKI artifacts the member side uses: its key store and the trust store it checks clients with. */
export function memberArtifacts(member: MemberSetup): string[] {
  const ids: string[] = [];
  if (member.ssl) {
    ids.push(member.ssl.keyStore);
    if (member.ssl.trustStore) ids.push(member.ssl.trustStore);
  }
  return ids;
}

/** Literal secrets of a member setup: the client realm's password or token. */
export function memberSecrets(member: MemberSetup): string[] {
  const identity = member.security.clientRealm?.identity;
  if (identity?.kind === 'username-password') return [identity.password];
  if (identity?.kind === 'token') return [identity.token];
  return [];
}

let loaded: LoadedMatrices | undefined;
const matrices = () => (loaded ??= loadMatrices());

export const hazelcastFamily: SystemFamily<MemberSetup> = {
  name: 'hazelcast',
  system: HAZELCAST_SYSTEM,
  idPrefix: HAZELCAST_ID_PREFIX,
  areas: HAZELCAST_AREAS,
  targetNames: TARGET_NAMES,
  expand: (areas, grep) => expandMatrices(areas, grep, { loaded: matrices() }),
  matrixFingerprint: () => matrixFingerprint(matrices()),
  expect: (sides) => expectOutcome(sides, matrices().catalogue),
  render: (member, ctx) => {
    const r = renderMemberConfig(member, storesFromPki(ctx.pki), { port: ctx.port });
    return { 'hazelcast.xml': r.xml, 'hazelcast.yaml': r.yaml };
  },
  createTarget: (name, options) => createTarget(name, options),
  serverArtifacts: memberArtifacts,
  serverSecrets: memberSecrets,
};
