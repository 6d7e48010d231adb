import { describe, expect, test } from 'vitest';
import { classify } from '../../src/feishu/classify.js';
import type { HttpResult } from '../../src/feishu/http.js';
import { explainCode, parseErrorRecords } from '../../src/feishu/index.js';
import { t } from '../../src/messages/index.js';
import { words } from '../helpers/words.js';

describe('parseErrorRecords (1225001)', () => {
  const leave = { idempotent_id: 'a1', start_time: '2024-01-05 09:00:00', end_time: '2024-01-05 18:00:00', error_msg: 'overlap' };

  test('reads the documented object from msg, with arrays, JSON strings and empty strings as values', () => {
    const msg = JSON.stringify({
      LeaveErrorRecords: [leave],
      TripErrorRecords: JSON.stringify([{ idempotent_id: 't1', ErrorMsg: 'closed period' }]),
      OvertimeWorkErrorRecords: '',
      OutErrorRecords: '',
    });
    expect(parseErrorRecords(msg)).toEqual({
      leaves: [leave],
      trips: [{ idempotent_id: 't1', error_msg: 'closed period' }],
      overtime: [],
      outs: [],
    });
  });

  test('reads it from data, or from msg after some text', () => {
    expect(parseErrorRecords('param is invalid', { OutErrorRecords: [leave] })?.outs).toEqual([leave]);
    expect(parseErrorRecords(`param is invalid: ${JSON.stringify({ LeaveErrorRecords: [leave] })}`)?.leaves).toEqual([leave]);
  });

  test('anything it cannot read gives null, so the caller fails the whole request', () => {
    expect(parseErrorRecords('param is invalid')).toBeNull();
    expect(parseErrorRecords('{"foo": 1}')).toBeNull();
    expect(parseErrorRecords(JSON.stringify({ LeaveErrorRecords: 'not json' }))).toBeNull();
    expect(parseErrorRecords('{"LeaveErrorRecords": [')).toBeNull();
  });
});

describe('explainCode', () => {
  test('explains the common codes in the chosen language, and nothing for unknown ones', () => {
    expect(words(explainCode(1220005))).toMatch(/data scope/);
    expect(words(explainCode(1226501))).toBe('no abnormal attendance that day: no remedy needed');
    expect(t('submit.code.1226504', {}, 'zh')).toContain('补卡次数');
    expect(explainCode(4242)).toBeUndefined();
    expect(explainCode(undefined)).toBeUndefined();
  });
});

describe('classify', () => {
  const response = (status: number, json: unknown, headers: Record<string, string> = {}): HttpResult => ({
    type: 'response',
    status,
    headers,
    json,
    text: json === undefined ? '<html>' : JSON.stringify(json),
  });

  test.each([
    ['429 without a body', response(429, undefined), 'rateLimited'],
    ['400 + 99991400', response(400, { code: 99991400, msg: 'request trigger frequency limit' }), 'rateLimited'],
    ['invalid token', response(400, { code: 99991671, msg: 'x' }), 'invalidToken'],
    ['success', response(200, { code: 0, msg: 'success', data: {} }), 'ok'],
    ['1225000 at 500', response(500, { code: 1225000, msg: 'internal' }), 'transient'],
    ['502 from a gateway', response(502, undefined), 'transient'],
    ['200 that is not JSON', response(200, undefined), 'transient'],
    ['1225001 at 500 (remedies page)', response(500, { code: 1225001, msg: '{}' }), 'business'],
    ['1220005 at 400', response(400, { code: 1220005, msg: '没有权限' }), 'business'],
    ['404 page', response(404, undefined), 'business'],
  ])('%s → %s', (_name, res, type) => {
    expect(classify(res, 1000).type).toBe(type);
  });

  test('the reset header sets the wait; none or nonsense means one second', () => {
    expect(classify(response(429, undefined, { 'x-ogw-ratelimit-reset': '3' }), 1000)).toMatchObject({ resetMs: 3000 });
    expect(classify(response(429, undefined, { 'x-ogw-ratelimit-reset': 'soon' }), 1000)).toMatchObject({ resetMs: 1000 });
  });

  test('5xx and failures after sending are ambiguous; failures to connect are not', () => {
    expect(classify(response(503, undefined), 1000)).toMatchObject({ type: 'transient', ambiguous: true });
    const refused: HttpResult = { type: 'error', sent: false, timeout: false, errorCode: 'ECONNREFUSED', message: '' };
    expect(classify(refused, 1000)).toMatchObject({ type: 'transient', ambiguous: false });
    expect(classify({ ...refused, sent: true, errorCode: 'UND_ERR_SOCKET' }, 1000)).toMatchObject({ type: 'transient', ambiguous: true });
  });
});
