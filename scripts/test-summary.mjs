#!/usr/bin/env node
// Adds up every suite `npm test` and .ci/run ran (vitest's and Playwright's JSON reports, and
// vitest again with the clock moved ahead, in .tmp/vitest-results-*.json) into the one closing
// line CI reads: "N passed, N failed". A suite that left no report counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
/** Each failed test by name with its error's first line: CI shows only the end of the output. */
const failures = [];
/** Tests that failed, then passed on their retry (CI retries Playwright once): counted as passed, named here. */
const flaky = [];
/** Terminal colour codes (ESC [ … m), which the reporters keep in their messages. */
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const firstLine = (msg) => String(msg ?? '').replace(COLOUR, '').split('\n').find((l) => l.trim()) ?? '';

function read(file, suite) {
  if (!existsSync(file)) {
    console.log(`${suite}: no report (${file}); the suite did not run to the end`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

function addVitest(file, suite) {
  const vitest = read(file, suite);
  if (!vitest) return;
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that fails to load has no tests but is still a failure.
  const unloaded = (vitest.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  failed += unloaded;
  for (const f of vitest.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failures.push(`${suite}: ${f.name.replace(/^.*?(tests\/)/, '$1')}: did not load: ${firstLine(f.message)}`);
    for (const a of f.assertionResults ?? []) {
      if (a.status === 'failed') failures.push(`${suite}: ${f.name.replace(/^.*?(tests\/)/, '$1')} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    }
  }
  console.log(`${suite}: ${vitest.numPassedTests} passed, ${vitest.numFailedTests + unloaded} failed, ${vitest.numPendingTests} skipped`);
}

addVitest('.vitest-results.json', 'vitest');

// .ci/run's extra vitest runs under libfaketime name themselves here, one a line:
// "<report file> <label>" (e.g. ".tmp/vitest-results-plus1y.json vitest (clock +365d)").
// Each expected run counts, so one that died before writing its report is a failure.
const EXTRA = '.tmp/vitest-extra-runs';
if (existsSync(EXTRA)) {
  for (const line of readFileSync(EXTRA, 'utf8').split('\n').filter(Boolean)) {
    const [file, ...label] = line.split(' ');
    addVitest(file, label.join(' ') || file);
  }
}

const NOT_RUN = '.tmp/playwright-not-run';
const pw = existsSync(NOT_RUN) ? null : read('.playwright-results.json', 'playwright');
if (existsSync(NOT_RUN)) {
  console.log(`playwright: not run: ${readFileSync(NOT_RUN, 'utf8').trim()}`);
  failed += 1;
}
if (pw) {
  const s = pw.stats ?? {};
  const ok = (s.expected ?? 0) + (s.flaky ?? 0);
  const bad = (s.unexpected ?? 0) + (pw.errors?.length ?? 0);
  passed += ok;
  failed += bad;
  skipped += s.skipped ?? 0;
  for (const e of pw.errors ?? []) failures.push(`playwright: ${firstLine(e.message)}`);
  const walk = (suite, titles) => {
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        const bad = (test.results ?? []).find((r) => r.status !== 'passed' && r.status !== 'skipped');
        const line = `${[...titles, spec.title].filter(Boolean).join(' › ')} (${spec.file}:${spec.line}): ${firstLine(bad?.error?.message ?? bad?.errors?.[0]?.message)}`;
        (test.status === 'flaky' ? flaky : failures).push(`playwright: ${line}`);
      }
    }
  };
  for (const suite of pw.suites ?? []) walk(suite, []);
  console.log(`playwright: ${ok} passed, ${bad} failed, ${s.skipped ?? 0} skipped`);
}

const checks = Number(process.env.LOOMCAST_CHECKS_FAILED ?? 0);
if (checks > 0) {
  console.log(`typecheck/lint/electronegativity: ${checks} failed`);
  failed += checks;
}

if (flaky.length > 0) {
  console.log('flaky (failed once, passed on retry):');
  for (const f of flaky.slice(0, 20)) console.log(`  ${f.slice(0, 400)}`);
}
if (failures.length > 0) {
  console.log('failed:');
  for (const f of failures.slice(0, 20)) console.log(`  ${f.slice(0, 400)}`);
  if (failures.length > 20) console.log(`  … and ${failures.length - 20} more`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
