// --max-prune: a count or a percentage of the records this tool wrote in scope; anything else is a usage error.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { pruneLimit } from '../../src/run/reconciled.js';

describe('--max-prune', () => {
  it('defaults to 10% of the managed records in scope, at least one', () => {
    expect(pruneLimit(57, undefined)).toBe(5);
    expect(pruneLimit(3, undefined)).toBe(1);
  });
  it('takes a count or a percentage', () => {
    expect(pruneLimit(200, '25%')).toBe(50);
    expect(pruneLimit(200, '7')).toBe(7);
    expect(pruneLimit(200, 0)).toBe(0);
  });
  it('refuses anything else with a usage error', () => {
    expect(() => pruneLimit(10, 'lots')).toThrow(ConfigError);
    expect(() => pruneLimit(10, '-3')).toThrow(/--max-prune must be a count or a percentage/);
  });
});
