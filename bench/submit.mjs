// npm run bench:submit — apply on ~1,000 user-date groups plus ~100 remedies against the embedded sandbox with
// 150 ± 50 ms latency. Prints each endpoint's request rate as a fraction of Feishu's 50/s, the rate-limit
// rejections, the total time against the floor (groups ÷ 50 s), and the same requests sent one at a time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply } from '../dist/run/apply.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { validateInputs } from '../dist/run/validate.js';
import { buildPlan } from '../dist/plan/plan.js';
import { writeMonth } from './month.mjs';

const USERS = Number(process.env.BENCH_USERS ?? 50);
const DAYS = Number(process.env.BENCH_DAYS ?? 20); // 50 × 20 = 1,000 user-date groups
const REMEDIES = Number(process.env.BENCH_REMEDIES ?? 100);
const SEQUENTIAL = process.env.BENCH_SEQUENTIAL ?? 'all'; // 'all', a number of requests to time and extrapolate, or 'skip'
const LATENCY = { min: 100, max: 200 };

const dir = mkdtempSync(join(tmpdir(), 'fi-bench-submit-'));
const input = join(dir, 'month.xlsx');

const generate = () => writeMonth(input, { users: USERS, days: DAYS, remedies: REMEDIES });

async function concurrentRun() {
  const sb = await startSandbox({ latencyMs: LATENCY });
  const phase = {};
  let plannedAt = 0;
  const started = performance.now();
  const res = await apply([input], {
    baseUrl: sb.url,
    env: { FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret },
    state: join(dir, 'state'),
    out: false,
    events: {
      onPlanned: () => (plannedAt = performance.now()),
      onProgress: (endpoint) => (phase[endpoint] = performance.now()),
    },
  });
  const total = (performance.now() - started) / 1000;
  const stats = sb.stats();
  await sb.close();
  return { res, total, stats, phase: Object.fromEntries(Object.entries(phase).map(([e, end]) => [e, (end - plannedAt) / 1000])) };
}

/** What a plain SDK loop does: one request, wait for its answer, the next. */
async function sequentialRun(limit) {
  const sb = await startSandbox({ latencyMs: LATENCY });
  const v = await validateInputs([input], { keepRecords: true });
  const plan = buildPlan(v.records, { employeeType: 'employee_id' });
  const tok = await (await fetch(`${sb.url}/open-apis/auth/v3/tenant_access_token/internal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: sb.appId, app_secret: sb.appSecret }) })).json();
  const requests = plan.requests.slice(0, limit);
  const started = performance.now();
  for (const r of requests) {
    const url = `${sb.url}${r.path}?${new URLSearchParams(r.query)}`;
    await (await fetch(url, { method: r.method, headers: { authorization: `Bearer ${tok.tenant_access_token}`, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(r.body) })).json();
  }
  const seconds = (performance.now() - started) / 1000;
  await sb.close();
  return { seconds, sent: requests.length, all: plan.requests.length };
}

await generate();
const c = await concurrentRun();
const groups = c.res.requests.user_approvals ?? 0;
const floor = groups / 50;
const out = (s) => process.stdout.write(`${s}\n`);
out(`input: ${USERS * DAYS} user-date groups, ${REMEDIES} remedies; sandbox latency ${LATENCY.min}-${LATENCY.max} ms`);
out(`rows: ${JSON.stringify(c.res.counts)}`);
out('endpoint              requests   seconds   req/s   of 50/s   rate-limited   max in any 1 s');
for (const e of ['user_approvals', 'user_task_remedys', 'user_task_remedys_query', 'approval_infos_process']) {
  const n = c.stats[e]?.requests ?? 0;
  if (!n) continue;
  // Read-backs and follow-ups have no progress of their own: only their counts and rejections are shown.
  const secs = c.phase[e];
  const rate = secs ? n / secs : undefined;
  const cols = rate === undefined ? ['—', '—', '—'] : [secs.toFixed(1), rate.toFixed(1), (rate / 50).toFixed(2)];
  out(`${e.padEnd(22)}${String(n).padStart(8)}${cols[0].padStart(10)}${cols[1].padStart(8)}${cols[2].padStart(10)}${String(c.stats[e].rateLimited).padStart(15)}${String(c.stats[e].maxInAnyWindow).padStart(17)}`);
}
out(`total wall time ${c.total.toFixed(1)} s; floor (groups ÷ 50) ${floor.toFixed(1)} s; ratio ${(c.total / floor).toFixed(2)}`);
if (SEQUENTIAL !== 'skip') {
  const s = await sequentialRun(SEQUENTIAL === 'all' ? Infinity : Number(SEQUENTIAL));
  const rate = s.sent / s.seconds;
  const projected = s.all / rate;
  out(`one request at a time: ${s.sent} requests in ${s.seconds.toFixed(1)} s = ${rate.toFixed(1)} req/s${s.sent < s.all ? `, projected ${projected.toFixed(0)} s for all ${s.all}` : ''}`);
  out(`speed-up of apply over the sequential loop: ${(projected / c.total).toFixed(1)}×`);
}
