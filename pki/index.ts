// Public API of the PKI: build (or load from the cache) a set of certificates, keys and stores.
export { buildPki, getArtifact, passwordFor, type BuildOptions } from './build.ts';
export { defaultCacheDir } from './paths.ts';
export { DEFAULT_IDS, MEMBER_HOST, defaultPkiRequest } from './default-request.ts';
export { PkiRequestError } from './errors.ts';
export { WINDOW_DESCRIPTIONS, defaultAnchor, windowDates } from './validity.ts';
export type * from './types.ts';
