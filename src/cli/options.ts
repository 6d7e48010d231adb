// Flag parsers and flags shared by several commands, so each means the same everywhere.
import { InvalidArgumentError } from 'commander';
import { t } from '../messages/index.js';

/** A whole number ≥ `min`; anything else is a usage error (exit 2) with one line saying so. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(t(min > 0 ? 'cli.positiveInt' : 'cli.nonNegativeInt'));
    return n;
  };
}

export const positiveInt = wholeNumber(1);

export const BASE_URL_HELP = 'Feishu API base URL (default: FEISHU_BASE_URL, else https://open.feishu.cn; Lark: https://open.larksuite.com)';
export const RATE_HELP = 'requests per second per endpoint';
