// npm run bench:verify — what the verify step of apply costs: the same month written twice into fresh sandboxes
// (120 ± 80 ms latency), once with --no-verify and once verified. Prints the read-back requests as a share of the
// writes and the verified run's time over the writes-only time (issue budget: ≤ 5 % and ≤ 1.05×), and the rate of
// user_approvals over its busy span (first to last arrival at the sandbox) against the limit (issue 11: ≥ 0.97).
// BENCH_USERS × BENCH_DAYS user-days (default 1,000 × 20 = 20,000, a month's scale), BENCH_REMEDIES remedies;
// BENCH_RATE raises the sandbox's and the client's limit alike (default 50, Feishu's) for a quicker run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { apply } from '../dist/run/apply.js';
import { startSandbox } from '../dist/sandbox/index.js';

const USERS = Number(process.env.BENCH_USERS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 20);
const REMEDIES = Number(process.env.BENCH_REMEDIES ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const LATENCY = { min: 40, max: 200 };
const dir = mkdtempSync(join(tmpdir(), 'fi-bench-verify-'));
const input = join(dir, 'month.xlsx');

async function generate() {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input });
  const leaves = wb.addWorksheet('leaves');
  leaves.addRow(['user_id', 'uniq_id', 'i18n_names.ch', 'unit', 'start_time', 'end_time', 'reason']).commit();
  for (let u = 0; u < USERS; u++) {
    for (let d = 0; d < DAYS; d++) {
      const day = `2026-03-${String(1 + d).padStart(2, '0')}`;
      leaves.addRow([`E${u}`, 'AL01', '年假', 'hour', `${day} 09:00`, `${day} 11:00`, 'bench']).commit();
    }
  }
  leaves.commit();
  const remedies = wb.addWorksheet('remedies');
  remedies.addRow(['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason', 'status']).commit();
  for (let i = 0; i < REMEDIES; i++) {
    const day = 1 + (Math.floor(i / USERS) % DAYS);
    const date = `2026-03-${String(day).padStart(2, '0')}`;
    remedies.addRow([`E${i % USERS}`, Number(date.replaceAll('-', '')), 0, 'on', `${date} 09:00`, 'forgot', ['pending', 'approved', 'rejected'][i % 3]]).commit();
  }
  remedies.commit();
  await wb.commit();
}

async function run(verify) {
  const sb = await startSandbox({ latencyMs: LATENCY, ratePerSecond: RATE, dialect: 'classic' });
  const started = performance.now();
  const res = await apply([input], {
    baseUrl: sb.url,
    env: { FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret },
    state: join(dir, `state-${verify}`),
    out: false,
    rate: RATE,
    verify,
  });
  const seconds = (performance.now() - started) / 1000;
  const s = sb.stats();
  await sb.close();
  const writes = s.user_approvals.requests + s.user_task_remedys.requests + s.approval_infos_process.requests;
  const reads = s.user_approvals_query.requests + s.user_task_remedys_query.requests;
  const rejected = Object.values(s).reduce((n, e) => n + e.rateLimited, 0);
  // The write phase alone, as the server saw it: N accepted requests span N − 1 intervals at the rate.
  const a = s.user_approvals;
  const busy = (a.lastAcceptedAt - a.firstAcceptedAt) / 1000;
  const writeRate = busy > 0 ? (a.accepted - 1) / busy : 0;
  return { res, seconds, writes, reads, rejected, writeRate, busy, accepted: a.accepted };
}

const out = (line) => process.stdout.write(`${line}\n`);
await generate();
out(`input: ${USERS * DAYS} user-days, ${REMEDIES} remedies; latency ${LATENCY.min}-${LATENCY.max} ms; limit ${RATE}/s per endpoint`);
const plain = await run(false);
const verified = await run(true);
for (const [name, r] of [['--no-verify', plain], ['verified', verified]]) {
  out(`${name.padEnd(12)} ${r.seconds.toFixed(1).padStart(8)} s  writes ${r.writes}  reads ${r.reads}  rate-limited ${r.rejected}  rows ${JSON.stringify(r.res.counts)}`);
}
for (const [name, r] of [['--no-verify', plain], ['verified', verified]]) {
  out(`${name.padEnd(12)} user_approvals: ${r.accepted} accepted over ${r.busy.toFixed(1)} s (first to last arrival) = ${r.writeRate.toFixed(2)} req/s = ${(r.writeRate / RATE).toFixed(3)} of the limit; whole run ${(r.accepted / r.seconds / RATE).toFixed(3)}`);
}
const extraReads = verified.reads - plain.reads;
out(`verify step: ${extraReads} read-back requests = ${((100 * extraReads) / verified.writes).toFixed(2)} % of ${verified.writes} writes (all reads: ${((100 * verified.reads) / verified.writes).toFixed(2)} %)`);
out(`time verified / writes only: ${(verified.seconds / plain.seconds).toFixed(3)}`);
out(`verified counts: ${JSON.stringify(verified.res.verified)}`);
