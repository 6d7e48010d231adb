// Runs `feishu-import` (the built CLI, through run-cli.mjs) as a child process with a time limit, and splits what
// it printed from the peak memory it reports. Shared by the tests that hold whole files to the CLI's contract.
import { spawn } from 'node:child_process';
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
