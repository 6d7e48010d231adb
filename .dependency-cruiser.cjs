// The layering of src/, checked by `npm test` (test/layering.test.ts): no import cycles (type imports included),
// layers point one way (a folder only uses the folders below it), and every import of a package is a declared
// dependency (src/ never a devDependency). Lowest first; index.ts (the library API) sits on top of everything.
const LAYERS = [
  ['types.ts', 'errors.ts', 'fields.ts', 'messages'],
  ['plan', 'schema', 'sources', 'feishu', 'journal', 'report', 'sandbox'],
  ['normalize'],
  ['reconcile'],
  ['readback'],
  ['submit'],
  ['confirm'],
  ['run'],
  ['verify'],
  ['cli'],
];
const path = (names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No two files may import each other, directly or around a loop.', from: {}, to: { circular: true } },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `layer-${i}`,
      severity: 'error',
      comment: `${layer.join(', ')} may not use a folder above it.`,
      from: { path: path(layer) },
      to: { path: [path(LAYERS.slice(i + 1).flat()), '^src/index\\.ts$'] },
    })),
    // validators.cjs is written beside the compiled schema/index.js by the build (src/schema/standalone.ts).
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true, pathNot: '^\\./validators\\.cjs$' } },
    { name: 'no-undeclared-dependency', severity: 'error', comment: 'A package imported but not in package.json.', from: {}, to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] } },
    { name: 'src-not-to-dev-dependency', severity: 'error', comment: 'What ships may not need a devDependency.', from: { path: '^src/' }, to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
