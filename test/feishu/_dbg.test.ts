import { test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { leaveRequest, makeClient } from './helpers.js';
test('dbg', async () => {
  for (let round = 0; round < 4; round++) {
  const sandbox = await startSandbox({ ratePerSecond: 50, latencyMs: { min: 5, max: 40 } });
  const starts: number[] = [];
  const rl: number[] = [];
  const tc = makeClient(sandbox, { onEvent: (e) => { if (e.type === 'request') starts.push(performance.now()); if (e.type === 'rateLimited') rl.push(performance.now()); } });
  await Promise.all(Array.from({ length: 200 }, () => tc.client.call(leaveRequest())));
  let maxs = 0; for (let i = 0; i < starts.length; i++) { let c = 0; for (let j = i; j < starts.length && starts[j]! - starts[i]! < 1000; j++) c++; maxs = Math.max(maxs, c); }
  const t0 = starts[0]!;
  console.log('rl', sandbox.stats().user_approvals.rateLimited, 'maxwin', sandbox.stats().user_approvals.maxInAnyWindow, 'max starts', maxs, 'total', (starts.at(-1)! - t0).toFixed(0), 'rl at', rl.map(x => (x - t0).toFixed(0)).join(','), 'first gaps', starts.slice(0, 8).map((s, i) => i ? (s - starts[i-1]!).toFixed(1) : 0).join(' '));
  await tc.client.close(); await sandbox.close();
  }
});
