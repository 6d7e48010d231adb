import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntentRecord, NewEntry } from '../../src/journal/index.js';

export async function tempStateDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'fi-journal-')), '.feishu-import');
}

export function rec(hash: string, identity = `id-${hash}`, row = 2): IntentRecord {
  return { hash, identity, kind: 'leaves', ref: { file: 'in.xlsx', sheet: 'leaves', row } };
}

export function intent(run: string, req: string, records: IntentRecord[]): NewEntry {
  return { t: 'intent', run, req, endpoint: 'user_approvals', payloadHash: `p-${req}`, records };
}

type Status = 'created' | 'exists' | 'failed' | 'conflict';
export function outcome(run: string, req: string, result: 'ok' | 'failed' | 'ambiguous', records: [string, Status, string?][]): NewEntry {
  return { t: 'outcome', run, req, result, records: records.map(([hash, status, approval_id]) => ({ hash, status, approval_id })) };
}

export function start(run: string, command = 'apply'): NewEntry {
  return { t: 'run-start', run, command, startedAt: new Date().toISOString(), inputs: [{ path: 'in.xlsx', sha256: 'abc' }], options: {} };
}
