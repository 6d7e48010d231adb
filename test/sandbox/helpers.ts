// Talks to a sandbox over real HTTP, the way a client would.
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: { code: number; msg: string; data?: any; [k: string]: unknown };
}

export const PATHS = {
  token: '/open-apis/auth/v3/tenant_access_token/internal',
  approvals: '/open-apis/attendance/v1/user_approvals?employee_type=employee_id',
  remedies: '/open-apis/attendance/v1/user_task_remedys?employee_type=employee_id',
  process: '/open-apis/attendance/v1/approval_infos/process',
  approvalsQuery: '/open-apis/attendance/v1/user_approvals/query?employee_type=employee_id',
  remedysQuery: '/open-apis/attendance/v1/user_task_remedys/query?employee_type=employee_id',
  corehr: (p: string, a: string) => `/open-apis/corehr/v2/processes/${p}/approvers/${a}?user_id_type=user_id`,
};

export class Client {
  token = '';
  constructor(readonly sb: Sandbox) {}

  async raw(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const res = await fetch(this.sb.url + path, { method: init.method ?? 'POST', body: init.body, headers: init.headers });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : { code: -1, msg: text } };
  }

  async login(): Promise<string> {
    const a = await this.raw(PATHS.token, {
      body: JSON.stringify({ app_id: this.sb.appId, app_secret: this.sb.appSecret }),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    this.token = String(a.body.tenant_access_token);
    return this.token;
  }

  call(path: string, body: unknown, method = 'POST'): Promise<Answer> {
    return this.raw(path, {
      method,
      body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json; charset=utf-8' },
    });
  }
}

export async function open(opts: SandboxOptions = {}): Promise<{ sb: Sandbox; client: Client }> {
  const sb = await startSandbox(opts);
  const client = new Client(sb);
  await client.login();
  return { sb, client };
}

export function leave(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uniq_id: '6852582717813440527',
    unit: 1,
    interval: 28800,
    start_time: '2024-03-04 09:00:00',
    end_time: '2024-03-04 18:00:00',
    i18n_names: { ch: '事假', en: 'Personal leave' },
    default_locale: 'ch',
    reason: '家里有事',
    idempotent_id: 'leave-1',
    ...overrides,
  };
}

export function overtime(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    duration: 2,
    unit: 2,
    category: 1,
    type: 1,
    start_time: '2024-03-04 19:00:00',
    end_time: '2024-03-04 21:00:00',
    reason: '上线',
    idempotent_id: 'ot-1',
    ...overrides,
  };
}

export function trip(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    start_time: '2024-03-04 09:00:00',
    end_time: '2024-03-05 18:00:00',
    reason: '培训',
    approve_pass_time: '2024-03-01 12:00:00',
    approve_apply_time: '2024-03-01 11:00:00',
    idempotent_id: 'trip-1',
    departure: { region_level: 'l3', region_id: '1' },
    destinations: [{ region_level: 'l3', region_id: '2' }],
    transportation: [1, 4],
    trip_type: 2,
    ...overrides,
  };
}

export function out(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uniq_id: 'OUT-CITY',
    unit: 2,
    interval: 7200,
    start_time: '2024-03-04 14:00:00',
    end_time: '2024-03-04 16:00:00',
    i18n_names: { ch: '市内外出' },
    default_locale: 'ch',
    reason: '拜访客户',
    idempotent_id: 'out-1',
    ...overrides,
  };
}

export function approval(lists: Record<string, unknown[]>, user_id = 'u1', date = '20240304'): unknown {
  return { user_approval: { user_id, date, ...lists } };
}

export function remedy(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { user_id: 'u1', remedy_date: 20240304, punch_no: 0, work_type: 1, remedy_time: '2024-03-04 09:00', reason: '忘记打卡', ...overrides };
}
