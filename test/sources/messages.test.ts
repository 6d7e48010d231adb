import { expect, it } from 'vitest';
import { t } from '../../src/messages/index.js';
import { inputMessages } from '../../src/messages/input.js';

it('every input message has the same placeholders in English and Chinese', () => {
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [id, m] of Object.entries(inputMessages)) expect(names(m.zh), id).toEqual(names(m.en));
});

it('renders input errors in Chinese', () => {
  expect(t('input.missingFile', { file: 'a.xlsx' }, 'zh')).toBe('a.xlsx：文件不存在');
});
