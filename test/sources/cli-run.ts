// Runs `feishu-import` (the built CLI, through run-cli.mjs) as a child process with a time limit, and splits what
// it printed from the peak memory it reports. Shared by the tests that hold whole files to the CLI's contract.
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./run-cli.mjs', import.meta.url));

export interface CliRun {
  /** The exit code; null when the run was killed for taking too long. */
  code: number | null;
  stdout: string;
  /** stderr without the memory line. */
  stderr: string;
  maxRssMb: number;
  ms: number;
}

export function runCli(args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      const m = /@@maxrss (\d+)\n?$/.exec(stderr);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: m ? stderr.slice(0, m.index) : stderr,
        maxRssMb: m ? Number(m[1]) / 1024 : NaN,
        ms: performance.now() - started,
      });
    });
  });
}

/** Runs `task` over `items` with at most `width` at a time, results in input order. */
export async function pool<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/**
 * The CLI's contract on any file: the right exit, under 300 MB (a run past 30 s was killed, so its exit is wrong),
 * and either one line of at most 300 characters saying what is wrong (exit 2) or every row accounted for.
 */
export function expectContract(r: CliRun, c: { exit: number; says?: RegExp; rows?: number; valid?: number }): void {
  const why = `exit ${r.code}, ${Math.round(r.maxRssMb)} MB, ${Math.round(r.ms)} ms\nstderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 600)}`;
  expect(r.code, why).toBe(c.exit);
  expect(r.maxRssMb, why).toBeLessThan(300);
  if (c.exit === 2) {
    expect(r.stderr.trim().split('\n'), why).toHaveLength(1);
    expect(r.stderr.trim().length, why).toBeLessThanOrEqual(300 + 'feishu-import: '.length);
    expect(r.stderr, why).toMatch(c.says!);
  } else {
    const doc = JSON.parse(r.stdout) as { valid: number; invalid: number };
    expect(doc.valid + doc.invalid, why).toBe(c.rows);
    if (c.valid !== undefined) expect(doc.valid, why).toBe(c.valid);
  }
}
