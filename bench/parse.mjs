// npm run bench:parse — `feishu-import validate` on a generated 100,000-row leaves workbook, next to a bare
// exceljs streaming read of the same file. Prints wall time, peak memory (max RSS) and their ratios (issue 11's
// targets: ≤ 0.7 time, ≤ 1.0 memory), and the floor under any reader: merely inflating the sheet XML.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import ExcelJS from 'exceljs';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = join(tmpdir(), 'feishu-import-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `leaves-${ROWS}.xlsx`);

async function generate() {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('leaves');
  ws.addRow(['user_id', 'uniq_id', 'unit', 'start_time', 'end_time', 'i18n_names.ch', 'i18n_names.en', 'reason']).commit();
  for (let i = 0; i < ROWS; i++) {
    const user = `E${String(i % 5000).padStart(5, '0')}`;
    const day = Math.floor(i / 5000); // each user gets one leave per day: no overlaps
    const start = new Date(Date.UTC(2026, 0, 1 + day, 9, 0, 0));
    const end = new Date(Date.UTC(2026, 0, 1 + day, 18, 0, 0));
    const row = ws.addRow([user, 'AL01', 'day', start, end, '年假', 'Annual leave', `reason ${i % 97}`]);
    row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

// BENCH_BEFORE=<folder of another checkout, built>: its validate is measured in the same loop (e.g. the code before a
// change), so that both meet the same load of a shared machine.
const BEFORE = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE, 'dist') : undefined;

function measure(args, env = {}) {
  const r = spawnSync(process.execPath, ['bench/measure.mjs', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`measurement failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(file)) {
  process.stdout.write(`generating ${ROWS} rows → ${file}\n`);
  await generate();
}
// The machine may be shared: its load is printed with the figures.
const loadBefore = loadavg()[0];
const bare = [];
const cli = [];
const inflate = [];
const before = [];
// Interleaved, so that a change in the machine's load touches every job alike.
for (let i = 0; i < RUNS; i++) {
  bare.push(measure(['bare', file]));
  cli.push(measure(['cli', 'validate', file, '--no-report', '--json']));
  if (BEFORE) before.push(measure(['cli', 'validate', file, '--no-report', '--json'], { BENCH_DIST: BEFORE }));
  inflate.push(measure(['inflate', file]));
}
const medians = (ms) => ({ ms: median(ms.map((m) => m.ms)), cpu: median(ms.map((m) => m.cpuMs)), mb: median(ms.map((m) => m.maxRssMb)) });
const b = medians(bare);
const c = medians(cli);
const f = medians(inflate);
const fmt = (n) => n.toFixed(0).padStart(7);
process.stdout.write(`rows: ${ROWS}, runs: ${RUNS} (medians); 1-minute load ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after\n`);
// CPU time (every thread of the process) next to wall time: on a shared machine it moves far less with the load.
process.stdout.write(`                        wall ms   peak RSS MB    cpu ms\n`);
process.stdout.write(`bare exceljs stream   ${fmt(b.ms)}   ${fmt(b.mb)}   ${fmt(b.cpu)}\n`);
process.stdout.write(`feishu-import validate${fmt(c.ms)}   ${fmt(c.mb)}   ${fmt(c.cpu)}\n`);
process.stdout.write(`ratio (≤ 0.7, ≤ 1.0)   ${(c.ms / b.ms).toFixed(2).padStart(5)}     ${(c.mb / b.mb).toFixed(2).padStart(5)}     ${(c.cpu / b.cpu).toFixed(2).padStart(5)}\n`);
process.stdout.write(`inflate only (floor)  ${fmt(f.ms)}   ${fmt(f.mb)}   ${fmt(f.cpu)}\n`);
if (BEFORE) {
  const o = medians(before);
  process.stdout.write(`validate of ${process.env.BENCH_BEFORE}${fmt(o.ms)}   ${fmt(o.mb)}   ${fmt(o.cpu)}\n`);
  process.stdout.write(`its ratio               ${(o.ms / b.ms).toFixed(2).padStart(5)}     ${(o.mb / b.mb).toFixed(2).padStart(5)}     ${(o.cpu / b.cpu).toFixed(2).padStart(5)}\n`);
}
