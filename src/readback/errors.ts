// A read-back that failed (out of retries, refused): the caller decides what the rows it was for become.
import type { MessageRef } from '../messages/said.js';

export class ReadBackError extends Error {
  constructor(
    readonly endpoint: string,
    /** Feishu's message, or the client's own (a message) when there was no answer. */
    readonly said: string | MessageRef,
  ) {
    super(typeof said === 'string' ? said : said.id);
    this.name = 'ReadBackError';
  }
}
