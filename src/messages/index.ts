// The one message catalog: every user-facing text, in English and Chinese. Split by stage only to keep files small.
import type { Lang } from '../types.js';
import type { Catalog } from './catalog.js';
import { applyMessages } from './apply.js';
import { cliMessages } from './cli.js';
import { inputMessages } from './input.js';
import { journalMessages } from './journal.js';
import { lifecycleMessages } from './lifecycle.js';
import { readbackMessages } from './readback.js';
import { reportMessages } from './report.js';
import { submitMessages } from './submit.js';
import { validateMessages } from './validate.js';
import { verifyMessages } from './verify.js';

export { detectLang } from './catalog.js';

const catalog: Catalog = {
  ...inputMessages,
  ...validateMessages,
  ...reportMessages,
  ...submitMessages,
  ...journalMessages,
  ...lifecycleMessages,
  ...cliMessages,
  ...applyMessages,
  ...verifyMessages,
  ...readbackMessages,
};

let current: Lang = 'en';

/** Sets the language of every message produced afterwards (the CLI calls it once from --lang / LANG). */
export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

/** Renders message `id` in the current language. An unknown id is a programming error and throws. */
export function t(id: string, params: Record<string, string | number> = {}, lang: Lang = current): string {
  const entry = catalog[id];
  if (!entry) throw new Error(`unknown message id: ${id}`);
  return entry[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A message without its particulars (`{value}` → `…`): the kind of problem, in words, for summaries. */
export function shapeOf(id: string, lang: Lang = current): string {
  const entry = catalog[id];
  if (!entry) throw new Error(`unknown message id: ${id}`);
  return entry[lang].replace(/\{(\w+)\}/g, '…');
}

/** Both languages of a message, for catalogs embedded in workbooks. */
export function hasMessage(id: string): boolean {
  return id in catalog;
}
