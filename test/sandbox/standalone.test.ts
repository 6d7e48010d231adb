// `feishu-import sandbox`, the real command line (bin/ over dist/, built by test/global-setup.ts): what another tool
// rehearsing against it meets.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const closed = new Promise((resolve) => child?.once('close', resolve));
    child.kill('SIGTERM');
    await closed;
  }
  child = undefined;
});

/** Starts the command and waits until it has said where it listens and which dialect it speaks. */
function serve(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<{ url: string; stdout: string }> {
  const proc = spawn(process.execPath, [BIN, 'sandbox', ...args], { env, stdio: 'pipe' });
  child = proc;
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url && /dialect \S+/.test(stdout)) resolve({ url, stdout });
    });
    proc.once('close', (code) => reject(new Error(`sandbox exited ${String(code)}: ${stderr}`)));
  });
}

async function post(url: string, path: string, body: unknown, token?: string, method = 'POST'): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, body: JSON.stringify(body), headers });
  return { status: res.status, body: await res.json() };
}

describe('feishu-import sandbox', () => {
  it('serves CoreHR tasks created on first use, in the dialect asked for', async () => {
    const { url, stdout } = await serve(['--dialect', 'strict']);
    expect(stdout).toMatch(/dialect strict/);
    const token = (await post(url, '/open-apis/auth/v3/tenant_access_token/internal', { app_id: 'cli_sandbox', app_secret: 'sandbox-secret' })).body
      .tenant_access_token as string;
    const decide = (approver: string) =>
      post(url, `/open-apis/corehr/v2/processes/p-1/approvers/${approver}?user_id_type=user_id`, { status: 3, user_id: 'boss' }, token, 'PUT');
    expect((await decide('a-1')).body).toEqual({ code: 0, msg: 'success', data: { code: 0, msg: 'success' } });
    expect((await decide('a-1')).body.code).toBe(1161001);
    // The server speaks strict: revoking a pending remedy is refused with its code and wording.
    const body = { user_id: 'u1', remedy_date: 20240304, punch_no: 0, work_type: 1, remedy_time: '2024-03-04 09:00', reason: 'r' };
    const created = await post(url, '/open-apis/attendance/v1/user_task_remedys?employee_type=employee_id', body, token);
    const approval_id = created.body.data.user_remedy.approval_id as string;
    const refused = await post(url, '/open-apis/attendance/v1/approval_infos/process', { approval_id, approval_type: 'remedy', status: 4 }, token);
    expect(refused.body).toEqual({ code: 1220600, msg: 'only approved approvals can be revoked' });
  });

  it('speaks the dialect of FEISHU_SANDBOX_DIALECT when given no --dialect', async () => {
    const { stdout } = await serve([], cleanEnv({ FEISHU_SANDBOX_DIALECT: 'terse' }));
    expect(stdout).toMatch(/dialect terse/);
  });

  it('lists the dialects in its help and refuses an unknown one (exit 2)', async () => {
    const help = await runCli(['sandbox', '--help']);
    expect(help.code).toBe(0);
    for (const name of ['classic', 'strict', 'terse', 'mixed']) expect(help.stdout).toContain(`"${name}"`);
    const bad = await runCli(['sandbox', '--dialect', 'lenient']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/lenient/);
    const badEnv = await runCli(['sandbox'], { env: cleanEnv({ FEISHU_SANDBOX_DIALECT: 'lenient' }) });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/unknown sandbox dialect "lenient": use one of classic, strict, terse, mixed/);
  });
});
