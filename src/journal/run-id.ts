import { randomBytes } from 'node:crypto';

/**
 * A run id that sorts by start time and is short enough to type after `undo --run`:
 * `20250314-101502-123-3f9a1c2b` (UTC date, time, milliseconds, 32 random bits against two runs in one millisecond).
 */
export function newRunId(now: Date = new Date()): string {
  const iso = now.toISOString(); // 2025-03-14T10:15:02.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}
