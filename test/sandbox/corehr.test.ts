import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { type Client, open, PATHS } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const decide = (p: string, a: string, body: unknown) => client.call(PATHS.corehr(p, a), body, 'PUT');

async function seeded(): Promise<void> {
  ({ sb, client } = await open());
  sb.seedCorehr([
    { process_id: 'p1', approver_id: 'a1', user_id: 'boss' },
    { process_id: 'p1', approver_id: 'a2', user_id: 'deputy' },
    { process_id: 'p2', approver_id: 'a3' },
  ]);
}

describe('corehr approver decisions', () => {
  it('approves a task and answers the documented success body', async () => {
    await seeded();
    const a = await decide('p1', 'a1', { status: 3, user_id: 'boss', reason: 'ok' });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ code: 0, msg: 'success', data: { code: 0, msg: 'success' } });
    expect(sb?.corehrTasks()[0]).toMatchObject({ approver_id: 'a1', status: 'approved', reason: 'ok', system_approval: false });
  });

  it('answers 1161001 to a second decision and 1161005 to another approver of the same node', async () => {
    await seeded();
    await decide('p1', 'a1', { status: 2, user_id: 'boss' });
    const again = await decide('p1', 'a1', { status: 3, user_id: 'boss' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe(1161001);
    const other = await decide('p1', 'a2', { status: 3, user_id: 'deputy' });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe(1161005);
    expect(sb?.corehrTasks().map((t) => t.status)).toEqual(['rejected', 'pending', 'pending']);
  });

  it('decides with the system identity without a user_id', async () => {
    await seeded();
    expect((await decide('p2', 'a3', { status: 3, system_approval: true })).body.code).toBe(0);
    expect(sb?.corehrTasks()[2]).toMatchObject({ status: 'approved', system_approval: true });
  });

  it.each<[string, string, string, unknown]>([
    ['an unknown task', 'p9', 'a9', { status: 3, user_id: 'x' }],
    ['a missing user_id', 'p1', 'a1', { status: 3 }],
    ['the wrong approver', 'p1', 'a1', { status: 3, user_id: 'deputy' }],
    ['status 1', 'p1', 'a1', { status: 1, user_id: 'boss' }],
    ['a reason over 1000 characters', 'p1', 'a1', { status: 3, user_id: 'boss', reason: '理'.repeat(1001) }],
    ['field_values_v2 not a list', 'p1', 'a1', { status: 3, user_id: 'boss', field_values_v2: {} }],
  ])('refuses %s with 1161002', async (_name, p, a, body) => {
    await seeded();
    const r = await decide(p, a, body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(1161002);
    expect(sb?.corehrTasks().every((t) => t.status === 'pending')).toBe(true);
  });

  it('accepts a 1000-character reason and form values', async () => {
    await seeded();
    const body = { status: 3, user_id: 'boss', reason: '理'.repeat(1000), field_values_v2: [{ variable_api_name: 'c1', variable_value: { text_value: 'x' } }] };
    expect((await decide('p1', 'a1', body)).body.code).toBe(0);
  });
});
