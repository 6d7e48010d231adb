// Interrupting a real apply process at a moment that does not depend on how fast the machine is: once the
// sandbox has seen it write something new, plus a random extra delay.
import { spawn } from 'node:child_process';
import type { Sandbox } from '../../src/sandbox/index.js';
import { BIN, type CliResult } from './cli.js';

export interface SignalOptions {
  signal: NodeJS.Signals;
  /** Send the signal once the sandbox holds more than this many records (default: as many as when started). */
  after?: number;
  /** Up to this many extra ms (random) once the condition holds. */
  jitterMs?: number;
  /** Send it anyway after this long (a run that never writes must not hang the test). */
  deadlineMs?: number;
}

export function signalWhenWriting(args: string[], env: NodeJS.ProcessEnv, sb: Sandbox, opts: SignalOptions): Promise<CliResult> {
  const before = opts.after ?? sb.records().length;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const send = () => {
      clearInterval(poll);
      clearTimeout(deadline);
      child.kill(opts.signal);
    };
    const poll = setInterval(() => {
      if (sb.records().length <= before) return;
      clearInterval(poll);
      setTimeout(send, Math.floor(Math.random() * (opts.jitterMs ?? 0)));
    }, 10);
    const deadline = setTimeout(send, opts.deadlineMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(deadline);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
