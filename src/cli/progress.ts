// Drawing apply's progress: listr2 in a terminal, a plain line every few seconds otherwise, nothing with --json.
// The library only emits events (ApplyEvents); this is the one place that turns them into output.
import { Listr } from 'listr2';
import { render, t } from '../messages/index.js';
import type { ApplyEvents } from '../run/apply.js';
import type { Endpoint } from '../types.js';

interface Meter {
  done: number;
  total: number;
  /** Requests sent on this endpoint: the rate is of these, not of rows (a row may need none, or several). */
  requests: number;
  startedAt: number;
  /** Set when the endpoint is done, so its rate stops decaying while other endpoints finish. */
  finishedAt?: number;
}

const PLAIN_EVERY_MS = 5_000;

function describe(endpoint: string, m: Meter): string {
  const seconds = Math.max(((m.finishedAt ?? Date.now()) - m.startedAt) / 1000, 0.001);
  const rate = m.requests / seconds;
  const rowsPerSecond = m.done / seconds;
  const eta = rowsPerSecond > 0 ? Math.ceil((m.total - m.done) / rowsPerSecond) : undefined;
  return t('cli.progress', { endpoint, done: m.done, total: m.total, rate: rate.toFixed(1), eta: eta === undefined ? '?' : `${eta}` });
}

export interface Progress {
  events: ApplyEvents;
  finish(): Promise<void>;
}

/**
 * The meters, counted from the run's events. A big run plans each slice of users in turn, calling onPlanned again
 * with larger totals: the meters keep what they counted, and no endpoint is done while slices remain to be planned.
 */
export class Meters {
  readonly all = new Map<Endpoint, Meter>();
  private more = false;

  /** Returns true the first time (the meters exist from then on). */
  planned(totals: Partial<Record<Endpoint, number>>, more?: boolean): boolean {
    const first = this.all.size === 0;
    this.more = !!more;
    for (const [endpoint, total] of Object.entries(totals) as [Endpoint, number][]) {
      const m = this.all.get(endpoint);
      if (!m) this.all.set(endpoint, { done: 0, total, requests: 0, startedAt: Date.now() });
      else m.total = Math.max(m.total, total);
    }
    if (!this.more) for (const m of this.all.values()) if (m.done >= m.total) m.finishedAt ??= Date.now();
    return first;
  }

  progress(endpoint: Endpoint, done: number): void {
    const m = this.all.get(endpoint);
    if (!m) return;
    m.done = done;
    if (done >= m.total && !this.more) m.finishedAt ??= Date.now();
  }

  request(endpoint: string): void {
    const m = this.all.get(endpoint as Endpoint);
    if (m && !m.finishedAt) m.requests++;
  }

  finished(endpoint: Endpoint): boolean {
    return this.all.get(endpoint)?.finishedAt !== undefined;
  }
}

export function createProgress(mode: 'tty' | 'plain' | 'none', write: (line: string) => void): Progress {
  const meters = new Meters();
  const waiters: Array<() => void> = [];
  let listr: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const onPlanned = (totals: Partial<Record<Endpoint, number>>, more?: boolean) => {
    if (!meters.planned(totals, more)) return;
    if (mode === 'tty') listr = drawListr(meters.all, waiters);
    if (mode === 'plain') timer = setInterval(() => meters.all.forEach((m, e) => write(describe(e, m))), PLAIN_EVERY_MS).unref();
  };
  return {
    events: mode === 'none' ? {} : { onPlanned, onProgress: (e, done) => meters.progress(e, done), onRequest: (e) => meters.request(e), onNotice: (n) => write(`${t('cli.notice')}: ${render(n)}`) },
    async finish() {
      if (timer) clearInterval(timer);
      for (const w of waiters) w();
      await listr;
      if (mode === 'plain') meters.all.forEach((m, e) => write(describe(e, m)));
    },
  };
}

/** One listr2 task per endpoint, its title redrawn from the meter until the run finishes. */
function drawListr(meters: Map<Endpoint, Meter>, waiters: Array<() => void>): Promise<unknown> {
  const tasks = [...meters].map(([endpoint, m]) => ({
    title: describe(endpoint, m),
    task: (_: unknown, task: { title: string }) =>
      new Promise<void>((resolve) => {
        let settled = false;
        // Called by the tick when the endpoint is done and again by finish() at the end of the run: a title set
        // after the renderer stopped is drawn once more below it, so only the first call may touch the task.
        const finish = () => {
          if (settled) return;
          settled = true;
          clearInterval(tick);
          task.title = describe(endpoint, m);
          resolve();
        };
        // Each endpoint's line settles (✔) as soon as that endpoint is done, not when the whole run is.
        const tick = setInterval(() => (m.finishedAt ? finish() : (task.title = describe(endpoint, m))), 200);
        waiters.push(finish);
      }),
  }));
  return new Listr(tasks, { concurrent: true, exitOnError: false, registerSignalListeners: false }).run();
}
