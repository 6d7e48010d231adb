import type { Lang } from '../types.js';

/** One message in both languages. Placeholders: `{name}`. */
export type Catalog = Record<string, { en: string; zh: string }>;

/** Picks the language from `--lang`, else from LANG/LC_ALL/LC_MESSAGES (zh_* → Chinese), else English. */
export function detectLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  // POSIX: an empty variable counts as unset, and LC_ALL beats LC_MESSAGES beats LANG.
  const pick = flag || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(pick) ? 'zh' : 'en';
}
