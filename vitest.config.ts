import { defineConfig } from 'vitest/config';

// Two cores on CI: keep the worker count modest; sandbox and crash tests spawn processes of their own.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
