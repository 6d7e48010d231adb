// A read-back that failed (out of retries, refused): the caller decides what the rows it was for become.
export class ReadBackError extends Error {
  constructor(
    readonly endpoint: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadBackError';
  }
}
