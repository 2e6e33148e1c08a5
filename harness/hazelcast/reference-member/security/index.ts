// The reference member's security layer: authentication and the default permission policy.
export type * from './api.ts';
export { authenticate } from './authenticate.ts';
export { checkPermission } from './permission-policy.ts';
export { javaHostAddress } from './endpoint.ts';
