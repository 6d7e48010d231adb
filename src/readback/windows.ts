// How read-back queries are cut: both query endpoints take at most 50 users per call, and user_approvals/query at
// most 30 days (the remedy query's limit is not published, so it is held to the same 30 days).
export const USERS_PER_QUERY = 50;
export const DAYS_PER_QUERY = 30;

const DAY_MS = 86_400_000;
export const toDay = (yyyymmdd: string): number =>
  Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / DAY_MS;
export const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Consecutive windows of at most `days` days (both ends included) from the earliest to the latest date, leaving
 * out windows that hold none of the dates: one stray row a year away costs one more call, not twelve.
 */
export function dateWindows(dates: readonly string[], days = DAYS_PER_QUERY): Array<{ from: string; to: string }> {
  const sorted = [...new Set(dates.map(toDay))].sort((a, b) => a - b);
  const windows: Array<{ from: string; to: string }> = [];
  for (const day of sorted) {
    const last = windows[windows.length - 1];
    if (last && day <= toDay(last.to)) continue;
    // Windows start at the first date not yet covered, so each holds at least one date.
    windows.push({ from: fromDay(day), to: fromDay(day + days - 1) });
  }
  return windows;
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface Target {
  user_id: string;
  /** yyyyMMdd */
  date: string;
}

export interface QueryCall {
  user_ids: string[];
  from: string;
  to: string;
}

/**
 * The calls that cover every (user, date): users sorted into batches of 50, each batch's own dates cut into windows
 * of `days` days. A month of 6,000 users is 120 calls.
 */
export function queryCalls(targets: readonly Target[], days = DAYS_PER_QUERY): QueryCall[] {
  const datesOf = new Map<string, string[]>();
  for (const t of targets) datesOf.set(t.user_id, [...(datesOf.get(t.user_id) ?? []), t.date]);
  const calls: QueryCall[] = [];
  for (const user_ids of batches([...datesOf.keys()].sort(), USERS_PER_QUERY)) {
    const dates = user_ids.flatMap((u) => datesOf.get(u) ?? []);
    for (const w of dateWindows(dates, days)) calls.push({ user_ids, ...w });
  }
  return calls;
}
