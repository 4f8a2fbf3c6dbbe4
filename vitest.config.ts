import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real embedding model is built once (if missing) before any test file runs.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: model-heavy files in parallel only slow each other down.
    maxWorkers: 2,
  },
});
