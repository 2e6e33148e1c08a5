// The Node.js client's error map: how Node 20 / OpenSSL 3 and the hazelcast-client library word a
// refusal (its log's warnings and the rejection message). Core classifies with it
// (harness/core/drive/classify.ts); the member's words live with the targets
// (harness/hazelcast/targets/member-errors.ts).
import type { ErrorMap } from '../../core/drive/error-map.ts';
import { OPENSSL_TLS_ERRORS } from '../../core/drive/openssl-errors.ts';

export const NODE_CLIENT_ERRORS: ErrorMap = {
  tls: OPENSSL_TLS_ERRORS,
  auth: [
    { pattern: /ClientNotAllowedInCluster|not allowed in the cluster/i, status: 'NOT_ALLOWED_IN_CLUSTER' },
    { pattern: /AuthenticationError|could not be authenticated/i, status: 'CREDENTIALS_FAILED' },
  ],
};
