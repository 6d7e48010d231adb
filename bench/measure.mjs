// Runs one measured job in this process and prints {ms, cpuMs, maxRssMb} as JSON on the last line of stderr.
// Usage: node bench/measure.mjs bare <file.xlsx> | node bench/measure.mjs inflate <file.xlsx> | node bench/measure.mjs cli <args…>
// Each job is measured as the whole process it is, as `time` would: from the process's start (performance.now()
// counts from it), with only the modules that job loads. Until 2026-11-30 the libraries were imported before the
// clock started and by every job: a bare read's exceljs (≈ 0.2 s, ≈ 28 MB) was left out of its time but counted in
// the memory of validate, which never loads it. BENCH_AFTER_IMPORTS=1 measures that old way, for comparison.
import { createInflateRaw } from 'node:zlib';

const [mode, ...args] = process.argv.slice(2);
const OLD = process.env.BENCH_AFTER_IMPORTS === '1';
const { default: ExcelJS } = mode === 'bare' || OLD ? await import('exceljs') : { default: undefined };
const { default: yauzl } = mode === 'inflate' || OLD ? await import('yauzl') : { default: undefined };
const started = OLD ? performance.now() : 0;
const cpuStarted = OLD ? process.cpuUsage() : undefined;
if (mode === 'bare') {
  // The floor: exceljs's streaming reader with the options the tool needs (styles for dates, shared strings cached).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(args[0], { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.value !== undefined) cells++;
      });
    }
  }
  process.stdout.write(`cells read: ${cells}\n`);
} else if (mode === 'inflate') {
  // The floor under any reader: only inflating the worksheet parts (in the reader's chunk size), nothing parsed.
  const zip = await yauzl.openPromise(args[0], { lazyEntries: true, autoClose: false });
  let bytes = 0;
  for await (const entry of zip.eachEntry()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName)) continue;
    const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
    for await (const chunk of raw.pipe(createInflateRaw({ chunkSize: 1 << 16 }))) bytes += chunk.length;
  }
  zip.close();
  process.stdout.write(`bytes inflated: ${bytes}\n`);
} else {
  // BENCH_DIST: another build of the tool (bench:parse's BENCH_BEFORE), to compare with in the same loop.
  const { main } = await import(process.env.BENCH_DIST ? `${process.env.BENCH_DIST}/cli/main.js` : '../dist/cli/main.js');
  await main(args);
}
const ms = performance.now() - started;
// CPU time of every thread of the process (a worker's, zlib's): the work done, whatever the machine's load.
const cpu = process.cpuUsage(cpuStarted);
process.stderr.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exitCode = 0;
