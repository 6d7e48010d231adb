import { test } from 'vitest';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startSandbox } from '../../src/sandbox/index.js';
import { leaveRequest, makeClient } from './helpers.js';
test('dbg', async () => {
  for (let round = 0; round < 3; round++) {
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
  const sandbox = await startSandbox({ ratePerSecond: 50, latencyMs: { min: 5, max: 40 } });
  const starts: number[] = [];
  const rl: number[] = [];
  const tc = makeClient(sandbox, { onEvent: (e) => { if (e.type === 'request') starts.push(performance.now()); if (e.type === 'rateLimited') rl.push(performance.now()); } });
  await Promise.all(Array.from({ length: 200 }, () => tc.client.call(leaveRequest())));
  h.disable();
  const t0 = starts[0]!;
  console.log('rl', sandbox.stats().user_approvals.rateLimited, 'maxwin', sandbox.stats().user_approvals.maxInAnyWindow, 'total', (starts.at(-1)! - t0).toFixed(0), 'rl at', rl.map(x => (x - t0).toFixed(0)).join(','), 'eld max', (h.max/1e6).toFixed(1), 'p99', (h.percentile(99)/1e6).toFixed(1));
  await tc.client.close(); await sandbox.close();
  }
});
