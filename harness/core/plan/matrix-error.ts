// A matrix file the suite cannot use: always names the file, the path inside it and why, so the
// person editing the data sees exactly what to fix.
export class MatrixError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly why: string,
  ) {
    super(`${file}: ${path || '(root)'}: ${why}`);
    this.name = 'MatrixError';
  }
}
