// What the XML scanner (xml-scan.ts) keeps while a construct waits for the rest of itself to arrive.

/**
 * An unfinished construct needs `term` to end. What arrives meanwhile is kept aside and only the new text is searched
 * (with the few characters before it the terminator may straddle), so a long comment or tag costs its length once,
 * not once per piece. An exact terminator (`-->`, `?>`, `]]>`) ends the construct; a `>` or quote may not (it may be
 * inside a value), so a tag is tried again only once as much has arrived as `retry` says: a few tries, however
 * finely the input is cut.
 */
export class Waiting {
  term = '';
  private exact = false;
  private tail = '';
  private found = false;
  private limit = 0;
  private tooLong = '';
  private pending: string[] = [];
  private chars = 0;

  /** Waits for `term` after `held` (what of the construct has arrived); past `limit` characters, `tooLong` is said. */
  start(term: string, exact: boolean, limit: number, tooLong: string, held: string): void {
    this.term = term;
    this.exact = exact;
    this.limit = limit;
    this.tooLong = tooLong;
    this.tail = held.slice(Math.max(1, held.length - term.length + 1));
  }

  /**
   * Takes `text`; whether to try the construct again now. `held`: the length of what arrived before the wait; `fail`
   * says the construct grew too long.
   */
  add(text: string, held: number, retry: number, fail: (reason: string) => never): boolean {
    const seen = this.tail + text;
    if (seen.indexOf(this.term) >= 0) this.found = true;
    this.tail = seen.slice(seen.length - this.term.length + 1);
    this.pending.push(text);
    this.chars += text.length;
    if (held + this.chars > this.limit) fail(this.tooLong);
    return this.found && (this.exact || this.chars >= Math.min(retry, held));
  }

  /** What arrived while waiting, joined; the wait is over. */
  take(): string {
    const text = this.pending.join('');
    this.pending = [];
    this.chars = 0;
    this.term = '';
    this.found = false;
    return text;
  }
}
