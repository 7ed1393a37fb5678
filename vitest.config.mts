import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The JSON file lets .ci/run add vitest's counts to Playwright's in one closing line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
