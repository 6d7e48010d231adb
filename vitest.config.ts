import { defineConfig } from 'vitest/config';

// The sandbox answers the questions the API pages leave open in one of several dialects (src/sandbox/dialects.ts).
// Every test runs under the default one; the end-to-end suites run again under each other dialect, so the client is
// shown to work whichever way Feishu really answers.
const OTHER_DIALECTS = ['strict', 'terse', 'mixed'];
const END_TO_END = [
  'test/apply/**/*.test.ts',
  'test/cli/apply.test.ts',
  'test/cli/plan-diff.test.ts',
  'test/history/**/*.test.ts',
  'test/journal-apply/**/*.test.ts',
  'test/lifecycle/**/*.test.ts',
  'test/verify/**/*.test.ts',
];
const shared = { testTimeout: 60_000, hookTimeout: 60_000 };
// The same suites again with every run cut into slices of 5 records and every journal held a slice of users at a
// time (src/journal/split.ts), as a month of 100,000 employees is: what a big run does must be what a small one does.
const SPLIT = { FEISHU_SANDBOX_DIALECT: 'classic', FEISHU_IMPORT_SLICE_RECORDS: '5', FEISHU_IMPORT_JOURNAL_SPLIT_BYTES: '0' };

// Two cores on CI: keep the worker count modest; sandbox and crash tests spawn processes of their own.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // Builds dist/ once (the end-to-end tests run the real bin/feishu-import.js); the other projects share it.
      { test: { ...shared, name: 'classic', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], env: { FEISHU_SANDBOX_DIALECT: 'classic' } } },
      ...OTHER_DIALECTS.map((d) => ({ test: { ...shared, name: d, include: END_TO_END, env: { FEISHU_SANDBOX_DIALECT: d } } })),
      { test: { ...shared, name: 'split', include: END_TO_END, env: SPLIT } },
    ],
  },
});
