#!/usr/bin/env node
// Adds up every suite `npm test` ran (vitest's and Playwright's JSON reports) into the one
// closing line CI reads: "N passed, N failed". A suite that left no report counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

function read(file, suite) {
  if (!existsSync(file)) {
    console.log(`${suite}: no report (${file}); the suite did not run to the end`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const vitest = read('.vitest-results.json', 'vitest');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that fails to load has no tests but is still a failure.
  failed += (vitest.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`);
}

const pw = read('.playwright-results.json', 'playwright');
if (pw) {
  const s = pw.stats ?? {};
  const ok = (s.expected ?? 0) + (s.flaky ?? 0);
  const bad = (s.unexpected ?? 0) + (pw.errors?.length ?? 0);
  passed += ok;
  failed += bad;
  skipped += s.skipped ?? 0;
  console.log(`playwright: ${ok} passed, ${bad} failed, ${s.skipped ?? 0} skipped`);
}

const checks = Number(process.env.LOOMCAST_CHECKS_FAILED ?? 0);
if (checks > 0) {
  console.log(`typecheck/lint: ${checks} failed`);
  failed += checks;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
