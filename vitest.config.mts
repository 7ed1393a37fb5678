import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two at a time on our two cores (vitest's default is one fewer than the cores): most files
    // wait on SQLite's fsyncs, loopback HTTP and the keychain, so the second fork fills the gaps.
    maxWorkers: 2,
    // The JSON file lets .ci/run add vitest's counts to Playwright's in one closing line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Each integration file builds its own core on its own temporary data folder, so the files
      // can share one module graph per worker: importing the core afresh for every file was
      // over half of the suite's time (about 80 of 150 s), twice per CI run.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], isolate: false } },
      // Soak, fuzz and crash suites (short versions): whole-app runs under random faults, kills and
      // inputs. Not in the ten-years-ahead pass: they run on fake or relative clocks throughout.
      // --expose-gc: the soak measures heap after a full collection, day by day.
      // The crash suites' child process is bundled once (globalSetup) for both of their files.
      { extends: true, test: { name: 'resilience', include: ['tests/resilience/**/*.test.ts'], execArgv: ['--expose-gc'], globalSetup: ['tests/resilience/crash/global-setup.ts'] } },
    ],
  },
});
