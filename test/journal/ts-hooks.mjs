// Module hooks: `.js` imports that point at `.ts` sources resolve to them, and `.ts` is transpiled (no type check).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// require(), not import: importing this 9 MB CommonJS file makes Node scan it for named exports, which is slow.
const ts = createRequire(import.meta.url)('typescript');

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\.{1,2}\/.*\.js$/.test(specifier)) throw e;
    return next(specifier.replace(/\.js$/, '.ts'), context);
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
