// npm run bench:faults — the same month applied twice, each time against a fresh sandbox (120 ± 80 ms latency):
// once clean, once with faults on both write endpoints (4% HTTP 500 before the write, 4% after it, 2% connection
// resets after it). Prints both wall times, the requests, retries and rate-limit rejections, and faulted ÷ clean.
// The faults cost ~10% more requests, so a client that keeps its windows full should stay close to that.
// BENCH_USERS, BENCH_DAYS, BENCH_REMEDIES size the month as in bench:submit; BENCH_RUNS and BENCH_HANG: see below.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply } from '../dist/run/apply.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { writeMonth } from './month.mjs';

const USERS = Number(process.env.BENCH_USERS ?? 50);
const DAYS = Number(process.env.BENCH_DAYS ?? 20); // 50 × 20 = 1,000 user-date groups
const REMEDIES = Number(process.env.BENCH_REMEDIES ?? 100);
// On a shared machine one pair of runs can be off by ±15%: BENCH_RUNS pairs (clean, faulted, clean, …), median ratio.
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const LATENCY = { min: 40, max: 200 };
const WRITES = ['user_approvals', 'user_task_remedys'];
const FAULTS = [
  { when: 'before', action: 'status500', probability: 0.04 },
  { when: 'after', action: 'status500', probability: 0.04 },
  { when: 'after', action: 'reset', probability: 0.02 },
  // Optional: requests that never get an answer (a connection dropped without a reset), e.g. BENCH_HANG=0.005.
  ...(Number(process.env.BENCH_HANG ?? 0) > 0 ? [{ when: 'after', action: 'hang', probability: Number(process.env.BENCH_HANG) }] : []),
];

const dir = mkdtempSync(join(tmpdir(), 'fi-bench-faults-'));
const input = join(dir, 'month.xlsx');

const generate = () => writeMonth(input, { users: USERS, days: DAYS, remedies: REMEDIES });

async function run(name, faulted, pair) {
  const sb = await startSandbox({ latencyMs: LATENCY, dialect: 'classic' });
  if (faulted) for (const endpoint of WRITES) for (const f of FAULTS) sb.inject({ endpoint, ...f });
  let plannedAt = 0;
  let approvalsDone = 0;
  const started = performance.now();
  const res = await apply([input], {
    baseUrl: sb.url,
    env: { FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret },
    state: join(dir, `state-${name}-${pair}`),
    out: false,
    verify: false,
    events: {
      onPlanned: () => (plannedAt = performance.now()),
      onProgress: (endpoint) => void (endpoint === 'user_approvals' && (approvalsDone = performance.now())),
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const stats = sb.stats();
  const duplicates = sb.duplicates().length;
  await sb.close();
  return { name, seconds, approvalSeconds: (approvalsDone - plannedAt) / 1000, res, stats, duplicates };
}

const out = (s) => process.stdout.write(`${s}\n`);
const sum = (stats, field) => Object.entries(stats).reduce((n, [e, s]) => n + (e === 'token' ? 0 : s[field]), 0);

function report(clean, faulted) {
  out('run        seconds   requests   retries   rate-limited   faults hit   rows');
  for (const r of [clean, faulted]) {
    const cols = [r.seconds.toFixed(1), sum(r.stats, 'requests'), r.res.retries, sum(r.stats, 'rateLimited'), sum(r.stats, 'faultsHit')];
    const counts = Object.entries(r.res.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
    out(`${r.name.padEnd(8)}${cols.map((c, i) => String(c).padStart([7, 11, 10, 15, 13][i])).join('')}   ${counts}${r.duplicates ? `, DUPLICATES ${r.duplicates}` : ''}`);
  }
  for (const e of Object.keys(faulted.stats)) {
    const [c, f] = [clean.stats[e].requests, faulted.stats[e].requests];
    if (c || f) out(`  ${e.padEnd(26)} clean ${String(c).padStart(5)}   faulted ${String(f).padStart(5)}`);
  }
  // The endpoint with the most requests sets the pace: its rate shows whether its window stayed full.
  for (const r of [clean, faulted]) {
    const n = r.stats.user_approvals.requests;
    out(`${r.name.padEnd(8)} user_approvals: ${n} requests in ${r.approvalSeconds.toFixed(1)} s = ${(n / r.approvalSeconds / 50).toFixed(2)} of 50/s`);
  }
  const ratio = faulted.seconds / clean.seconds;
  out(`faulted ÷ clean: ${ratio.toFixed(2)} (requests alone: ${(faulted.stats.user_approvals.requests / clean.stats.user_approvals.requests).toFixed(2)})`);
  return ratio;
}

await generate();
out(`input: ${USERS * DAYS} user-date groups, ${REMEDIES} remedies; sandbox latency ${LATENCY.min}-${LATENCY.max} ms`);
out(`faults on ${WRITES.join(', ')}: ${FAULTS.map((f) => `${f.probability * 100}% ${f.action} ${f.when}`).join(', ')}`);
const ratios = [];
for (let i = 1; i <= RUNS; i++) {
  if (RUNS > 1) out(`-- pair ${i} of ${RUNS}`);
  ratios.push(report(await run('clean', false, i), await run('faulted', true, i)));
}
if (RUNS > 1) out(`median faulted ÷ clean over ${RUNS} pairs: ${ratios.sort((a, b) => a - b)[Math.floor(RUNS / 2)].toFixed(2)} (all: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
