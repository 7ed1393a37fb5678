import { defineConfig } from 'vitest/config';

// `npm run bench` only: measurements in real time (tests/bench/*.measure.ts) that print figures
// beside a baseline from the same run. Never part of `npm test`.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.measure.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 300_000,
    reporters: ['default'],
  },
});
