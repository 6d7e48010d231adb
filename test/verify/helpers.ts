import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';

export const LEAVES = 'user_id,i18n_names.ch,unit,start_time,end_time,reason';
export const REMEDIES = 'user_id,remedy_date,punch_no,work_type,remedy_time,reason';

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fi-verify-'));
}

/** Writes `<dir>/<sub>/<name>` (the CSV's name tells its kind) and returns its path. */
export async function csv(dir: string, sub: string, name: string, header: string, rows: string[]): Promise<string> {
  await mkdir(join(dir, sub), { recursive: true });
  const path = join(dir, sub, name);
  await writeFile(path, [header, ...rows].join('\n') + '\n');
  return path;
}

export const sandboxEnv = (sb: Sandbox) => ({ FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret });

/** Writes the rows of `paths` into the sandbox the way a user would: with apply. */
export async function applyInto(sb: Sandbox, paths: string[], state: string): Promise<void> {
  const r = await apply(paths, { baseUrl: sb.url, env: sandboxEnv(sb), state, out: false });
  if (r.counts.created + r.counts.exists !== r.valid) throw new Error(`apply did not write everything: ${JSON.stringify(r.counts)}`);
}

/** A leave row: one day of 事假 for `user` on 2026-MM-DD. */
export const leave = (user: string, day: string, reason = '家中有事') => `${user},事假,day,${day} 09:00,${day} 18:00,${reason}`;
