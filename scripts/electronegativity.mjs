#!/usr/bin/env node
/**
 * Electron security review with @doyensec/electronegativity, as CI runs it (`npm run
 * security:electron`). It reads the shell (electron/: main, preload, core, browser host), the
 * renderer's page and code (renderer/) and package.json together, so its global checks (CSP,
 * navigation limits, permission handler) see the whole app. It prints every finding and every
 * exception the code makes, and fails when a finding is left, or when an exception
 * (`eng-disable CHECK_ID`) has no comment just above it saying why it is safe.
 *
 * One check is left out: AvailableSecurityFixesGlobalCheck downloads Electron's release list
 * from the internet to compare versions, so its answer changes by the day and it cannot run
 * offline; pinning and upgrading Electron is a separate decision (package.json). So is the
 * informational version report that only feeds it. The tool also
 * asks its own GitHub for translated messages (1 s timeout, messages only); offline it prints
 * "Could not retrieve updated translations" and carries on in English.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['electron', 'renderer', 'package.json'];
/**
 * Left out, by the class names its -x option matches: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK
 * (fetches the release list from the internet), and ELECTRON_VERSION_JSON_CHECK, an
 * informational line naming the Electron version in package.json that only feeds the first.
 */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];
const require = createRequire(import.meta.url);

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    return String(pkg.devDependencies?.electron ?? '').replace(/^[~^]/, '');
  }
}

/** One folder holding the sources side by side (as links), so one scan sees them all. */
function stage() {
  const dir = join(ROOT, '.tmp', 'electronegativity-input');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of SOURCES) symlinkSync(join(ROOT, name), join(dir, name));
  return dir;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === 'node_modules') continue;
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|js|mjs|html)$/.test(entry)) yield path;
  }
}

/** Each `eng-disable` in the sources, with the comment above it that must say why. */
function exceptions() {
  const found = [];
  for (const top of SOURCES.filter((s) => !s.includes('.'))) {
    for (const file of sourceFiles(join(ROOT, top))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = /eng-disable[ \t]+([\w \t]+?)[ \t]*(?:\*\/|-->|$)/.exec(line);
        if (!m) return;
        // The explanation: the comment right above the marker's line.
        const why = [];
        if (file.endsWith('.html')) {
          if (/-->\s*$/.test(lines[i - 1] ?? '')) {
            for (let j = i - 1; j >= 0 && why.length < 10; j--) {
              why.unshift(lines[j].trim());
              if (lines[j].includes('<!--')) break;
            }
          }
        } else {
          for (let j = i - 1; j >= 0 && /^\s*(\/\/|\/\*|\*)/.test(lines[j]) && why.length < 10; j--) why.unshift(lines[j].trim());
        }
        found.push({ file: relative(ROOT, file), line: i + 1, checks: m[1].trim(), why: why.join(' ') });
      });
    }
  }
  return found;
}

const run = require('@doyensec/electronegativity');
const input = stage();
const version = electronVersion();
console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version} on ${SOURCES.join(', ')} for Electron ${version} (left out: ${EXCLUDED.join(', ')})`);
const result = await run({ input, isRelative: true, electronVersionOverride: version, excludeFromScan: EXCLUDED, customScan: [], parserPlugins: [] });
rmSync(input, { recursive: true, force: true });

let failed = 0;
console.log(`${result.globalChecks} global and ${result.atomicChecks} atomic checks`);
for (const e of result.errors) {
  failed++;
  console.log(`could not read ${e.file}: ${e.message ?? e.error ?? JSON.stringify(e)}`);
}
for (const i of result.issues) {
  failed++;
  console.log(`FINDING ${i.id} (${i.severity?.name ?? i.severity}, ${i.confidence?.name ?? i.confidence}) ${i.file}:${i.location.line}:${i.location.column}`);
  console.log(`  ${i.description}\n  ${i.shortenedURL}${i.sample && i.sample !== 'N/A' ? `\n  ${String(i.sample).slice(0, 200)}` : ''}`);
}
const made = exceptions();
console.log(`${made.length} exception(s) by design, each explained beside the code:`);
for (const x of made) {
  const explained = x.why.replace(/[/*<>!-]/g, '').trim().length >= 20;
  if (!explained) failed++;
  console.log(`${explained ? '  ' : 'UNEXPLAINED '}${x.checks} at ${x.file}:${x.line}${explained ? '' : ' (add a comment above it that says why it is safe)'}`);
  if (explained) console.log(`    why: ${x.why.slice(0, 300)}`);
}
if (failed > 0) {
  console.log(`electronegativity: ${failed} finding(s) not fixed or explained`);
  process.exit(1);
}
console.log('electronegativity: no unexplained finding');
