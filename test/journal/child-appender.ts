// A run that appends to the journal as fast as it can until it is killed: the crash tests SIGKILL it.
// argv: <state dir> <tag> [exit]. Prints `ready`, then `ack <n>` after intent+outcome pair n is on disk.
// With `exit`, it exits right after `ready` without closing the journal (the lock must still be released).
import { openJournal } from '../../src/journal/index.js';

const [dir, tag, mode] = process.argv.slice(2) as [string, string, string?];
const journal = await openJournal(dir);
await journal.append({ t: 'run-start', run: tag, command: 'apply', startedAt: new Date().toISOString(), inputs: [], options: {} });
process.stdout.write('ready\n');
if (mode === 'exit') process.exit(0);

// Lines of a few KB, several appends in flight at once: group commit and partial writes both get exercised.
const records = (n: number) =>
  Array.from({ length: 8 }, (_, i) => ({ hash: `${tag}-${n}-${i}`, identity: `id-${n}-${i}`, kind: 'leaves', ref: { file: 'x.xlsx', sheet: 'leaves', row: i + 2 } }));

async function pair(n: number): Promise<void> {
  const req = `${tag}-${n}`;
  await journal.append({ t: 'intent', run: tag, req, endpoint: 'user_approvals', payloadHash: 'p'.repeat(64), records: records(n) });
  await journal.append({ t: 'outcome', run: tag, req, result: 'ok', records: records(n).map((r) => ({ hash: r.hash, approval_id: `a-${r.hash}`, status: 'created' as const })) });
  process.stdout.write(`ack ${n}\n`);
}

for (let n = 0; ; n += 4) await Promise.all([pair(n), pair(n + 1), pair(n + 2), pair(n + 3)]);
