// Guardrails on the shape of the code (STYLE.md: layers point one way, a check in npm test keeps it so): no import
// cycle, no folder using one above it, no undeclared package, and no declared dependency that nothing uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as { forbidden: unknown[]; options: Record<string, unknown> };

async function cruiseAll(): Promise<ICruiseResult> {
  const res = await cruise(['src', 'bin', 'bench'], { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir: ROOT } as never);
  return res.output as ICruiseResult;
}

describe('layering', () => {
  it('has no import cycle, no layer used from below, no undeclared package, and no unused dependency', async () => {
    const out = await cruiseAll();
    const violations = out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
    expect(violations).toEqual([]);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set(
      out.modules.flatMap((m) => m.dependencies.filter((d) => d.dependencyTypes.some((t) => t.startsWith('npm'))).map((d) => d.module.split('/').slice(0, d.module.startsWith('@') ? 2 : 1).join('/'))),
    );
    expect(Object.keys(pkg.dependencies).filter((d) => !used.has(d))).toEqual([]);
  });
});
