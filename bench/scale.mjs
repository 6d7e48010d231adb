// npm run bench:scale — a large tenant's month: BENCH_EMPLOYEES employees (default 100,000) × working days, each with
// a leave or an overtime most days, plus remedies (≈ 3.7 records per employee, as issue 11 sizes a month). `apply`
// runs as a separate process (the real CLI) against a sandbox in this process, with the sandbox's and the client's
// limit raised to BENCH_RATE (default 2,000/s) so it ends in minutes. Prints the client's peak RSS (GNU time),
// records per second of client work, and the time against the floor at that rate (requests ÷ rate); then the peak
// RSS of `validate` and `plan` of the same inputs (BENCH_ALSO=none skips them); BENCH_RERUN=1 applies once more with
// the same state folder (its journal loaded, every row already there).
// BENCH_FORMAT=csv writes the leaves and overtime as CSV files beside a manifest instead of one workbook.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startSandbox } from '../dist/sandbox/index.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 3);
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const FORMAT = process.env.BENCH_FORMAT ?? 'xlsx';
// V8 flags for the measured process (e.g. `--max-semi-space-size=4`), to see what the heap's own slack costs.
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const dir = mkdtempSync(join(tmpdir(), 'fi-bench-scale-'));
const LEAVE = ['user_id', 'uniq_id', 'i18n_names.ch', 'unit', 'start_time', 'end_time', 'reason'];
const OVERTIME = ['user_id', 'unit', 'category', 'type', 'start_time', 'end_time', 'reason'];
const REMEDY = ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason'];
const day = (d) => `2026-03-${String(2 + d).padStart(2, '0')}`;

function* rows() {
  for (let e = 0; e < EMPLOYEES; e++) {
    const id = `E${String(e).padStart(6, '0')}`;
    for (let d = 0; d < DAYS; d++) {
      yield ['leaves', [id, 'AL01', '年假', 'hour', `${day(d)} 09:00`, `${day(d)} 10:00`, 'bench']];
      if ((e + d) % 3 !== 0) yield ['overtime', [id, 'hour', 'workday', 'comp_time', `${day(d)} 19:00`, `${day(d)} 20:00`, 'bench']];
    }
    if (e % 3 === 0) yield ['remedies', [id, Number(day(0).replaceAll('-', '')), 0, 'on', `${day(0)} 08:5${e % 10}`, 'forgot']];
  }
}

async function generate() {
  const counts = { leaves: 0, overtime: 0, remedies: 0 };
  if (FORMAT === 'csv') {
    const outs = Object.fromEntries(Object.entries({ leaves: LEAVE, overtime: OVERTIME, remedies: REMEDY }).map(([k, h]) => {
      const s = createWriteStream(join(dir, `${k}.csv`));
      s.write(`${h.join(',')}\n`);
      return [k, s];
    }));
    for (const [kind, values] of rows()) {
      counts[kind]++;
      if (!outs[kind].write(`${values.join(',')}\n`)) await once(outs[kind], 'drain');
    }
    await Promise.all(Object.values(outs).map((s) => new Promise((r) => s.end(r))));
    writeFileSync(join(dir, 'month.yaml'), 'sources:\n  - path: leaves.csv\n  - path: overtime.csv\n  - path: remedies.csv\n');
    return { input: join(dir, 'month.yaml'), counts };
  }
  const input = join(dir, 'month.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input });
  // Sheets are written one after another: rows() is replayed per sheet.
  for (const [kind, header] of [['leaves', LEAVE], ['overtime', OVERTIME], ['remedies', REMEDY]]) {
    const ws = wb.addWorksheet(kind);
    ws.addRow(header).commit();
    for (const [k, values] of rows()) if (k === kind) (counts[k]++, ws.addRow(values).commit());
    ws.commit();
  }
  await wb.commit();
  return { input, counts };
}

const out = (line) => process.stdout.write(`${line}\n`);
const { input, counts } = await generate();
const records = counts.leaves + counts.overtime + counts.remedies;
out(`input: ${EMPLOYEES} employees, ${records} records (${JSON.stringify(counts)}), ${FORMAT}; limit ${RATE}/s per endpoint`);
const sb = await startSandbox({ ratePerSecond: RATE, latencyMs: { min: 5, max: 30 }, dialect: 'classic' });
const env = { ...process.env, FEISHU_BASE_URL: sb.url, FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret };

/** One CLI command in its own process under GNU time: exit code, peak RSS (MB), wall seconds, stdout. */
async function cli(args) {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, ...NODE_ARGS, 'bin/feishu-import.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'close');
  const rss = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
  return { code, rss, seconds: (performance.now() - started) / 1000, stdout, stderr };
}

const state = join(dir, 'state');
const applied = await cli(['apply', input, '--state', state, '--no-out', '--json', '--rate', String(RATE)]);
let summary = {};
try {
  summary = JSON.parse(applied.stdout);
} catch {
  out(`apply printed no JSON (exit ${applied.code}): ${applied.stderr.slice(-500)}`);
}
const requests = Object.values(summary.requests ?? {}).reduce((a, b) => a + b, 0);
const writes = (summary.requests?.user_approvals ?? 0);
const perRecord = (mb) => `${((mb * 1024) / records).toFixed(2)} KB per record`;
out(`apply: exit ${applied.code}; rows ${JSON.stringify(summary.counts ?? {})}`);
out(`apply: client peak RSS ${applied.rss.toFixed(0)} MB (${perRecord(applied.rss)}); ${applied.seconds.toFixed(1)} s wall, ${(records / applied.seconds).toFixed(0)} records/s`);
out(`apply: requests ${requests} (user_approvals ${writes}); floor at ${RATE}/s: ${(writes / RATE).toFixed(1)} s; ratio ${(applied.seconds / Math.max(writes / RATE, 0.001)).toFixed(2)}`);
// The same inputs through validate and plan: plan with a fresh state folder (what Feishu holds is read back: every row
// a keep), then with the state folder of the apply, whose journal — a line per request — is loaded first.
if (process.env.BENCH_ALSO !== 'none') {
  const validated = await cli(['validate', input, '--no-report']);
  out(`validate: exit ${validated.code}; peak RSS ${validated.rss.toFixed(0)} MB (${perRecord(validated.rss)}); ${validated.seconds.toFixed(1)} s`);
  const fresh = await cli(['plan', input, '--state', join(dir, 'fresh')]);
  out(`plan (fresh state folder): exit ${fresh.code}; peak RSS ${fresh.rss.toFixed(0)} MB (${perRecord(fresh.rss)}); ${fresh.seconds.toFixed(1)} s`);
  const planned = await cli(['plan', input, '--state', state]);
  out(`plan (the apply's journal loaded): exit ${planned.code}; peak RSS ${planned.rss.toFixed(0)} MB (${perRecord(planned.rss)}); ${planned.seconds.toFixed(1)} s`);
}
// BENCH_RERUN=1: apply once more with the apply's state folder (nothing to send: every row exists).
if (process.env.BENCH_RERUN === '1') {
  const again = await cli(['apply', input, '--state', state, '--no-out', '--json', '--rate', String(RATE)]);
  let counts = {};
  try {
    counts = JSON.parse(again.stdout).counts;
  } catch {}
  out(`apply again (the apply's journal loaded): exit ${again.code}; rows ${JSON.stringify(counts)}; peak RSS ${again.rss.toFixed(0)} MB; ${again.seconds.toFixed(1)} s`);
}
await sb.close();
