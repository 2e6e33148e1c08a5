/** A PKI request that cannot be built: names the offending field and says why. */
export class PkiRequestError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid PKI request: ${field}: ${reason}`);
    this.name = 'PkiRequestError';
  }
}
