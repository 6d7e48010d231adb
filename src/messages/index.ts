// The one message catalog: every user-facing text, in English and Chinese. Split by stage only to keep files small.
import type { Lang } from '../types.js';
import type { Catalog } from './catalog.js';
import type { MessageRef, Params } from './said.js';
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

/**
 * Renders message `id` in `lang` (default: the current language); a parameter that is itself a message is rendered in
 * the same language. An unknown id is a programming error and throws.
 */
export function t(id: string, params: Params = {}, lang: Lang = current): string {
  const entry = catalog[id];
  if (!entry) throw new Error(`unknown message id: ${id}`);
  return entry[lang].replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    if (v === undefined) return m;
    return typeof v === 'object' ? render(v, lang) : String(v);
  });
}

/** A message built by the core, in words. */
export function render(message: MessageRef, lang: Lang = current): string {
  return t(message.id, message.params, lang);
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

/**
 * A validation problem (its `code` and `params`) in words. A code the catalog does not know (a problem a program built
 * for writeErrorReport) shows its `message` parameter, else the code: a report is never lost to an unknown id.
 */
export function problemText(p: { code: string; params: Params }, lang: Lang = current): string {
  if (hasMessage(p.code)) return t(p.code, p.params, lang);
  const own = p.params.message;
  return typeof own === 'string' ? own : p.code;
}

/** A row's problems on one line: `column: message; …` (a whole-row problem without the column). */
export function problemsText(problems: readonly { code: string; params: Params; column: string }[], lang: Lang = current): string {
  return problems.map((p) => (p.column ? `${p.column}: ${problemText(p, lang)}` : problemText(p, lang))).join('; ');
}

/** Why a row ended as it did, in words: its problems when it is invalid, else its message ('' when it has none). */
export function reasonText(o: { message?: MessageRef | undefined; problems?: readonly { code: string; params: Params; column: string }[] | undefined }, lang: Lang = current): string {
  if (o.problems) return problemsText(o.problems, lang);
  return o.message ? render(o.message, lang) : '';
}
