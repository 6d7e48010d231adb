// Is an endpoint failing broadly (an overloaded or broken server: 1225000 or 5xx on many requests at once), or are
// its failures the scattered kind, a 5xx here and a reset there, that an immediate retry fixes? Backoff exists to
// give an overloaded server air; spent on scattered failures it only stretches the run.

/** How far back answers count. */
const SPAN_MS = 2000;
/** A storm needs at least this many failures in the span, whatever the share: one or two is scatter. */
const MIN_FAILURES = 3;
/** …and at least this share of the answers in the span. 4% + 4% + 2% of faults is scatter; a third is not. */
const SHARE = 0.3;

export class Storms {
  /** Per endpoint, the recent answers oldest first: when, and whether it was a transient failure. */
  readonly #byEndpoint = new Map<string, Array<{ at: number; failed: boolean }>>();

  /** An attempt of `endpoint` got an answer (`failed`: a transient failure: 5xx, 1225000, reset, timeout). */
  note(endpoint: string, failed: boolean): void {
    let answers = this.#byEndpoint.get(endpoint);
    if (!answers) this.#byEndpoint.set(endpoint, (answers = []));
    answers.push({ at: performance.now(), failed });
    this.#prune(answers);
  }

  raging(endpoint: string): boolean {
    const answers = this.#byEndpoint.get(endpoint);
    if (!answers) return false;
    this.#prune(answers);
    const failures = answers.filter((a) => a.failed).length;
    return failures >= MIN_FAILURES && failures >= SHARE * answers.length;
  }

  #prune(answers: Array<{ at: number }>): void {
    const since = performance.now() - SPAN_MS;
    while (answers.length > 0 && answers[0]!.at < since) answers.shift();
  }
}
