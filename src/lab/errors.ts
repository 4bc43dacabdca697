// A lab that cannot be loaded says where and why, like a compiler: `labs/x/lab.yaml:12: reason`.

export class LabError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'LabError';
  }
}
