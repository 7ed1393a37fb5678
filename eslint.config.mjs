// Lint rules for Loomcast. Mostly the recommended sets; the part that is ours is the process
// boundary (style.md pattern 4): which code may import Electron, Node, or the contract's values.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON = {
  regex: '^electron(/.*)?$',
  message:
    'Only electron/main and electron/preload may import Electron. The core and the host run under plain Node; put Electron-specific code in electron/main and inject it.',
};

const NODE_IN_RENDERER = [
  {
    regex: '^node:',
    message: 'The renderer runs in a browser page: no Node built-ins. Ask the core through the api client.',
  },
  {
    regex: '^(fs|path|os|child_process|crypto|http|https|net|url|util|stream|worker_threads)(/.*)?$',
    message: 'The renderer runs in a browser page: no Node built-ins. Ask the core through the api client.',
  },
  {
    regex: '^(better-sqlite3|@napi-rs/keyring)(/.*)?$',
    message: 'Storage and the keychain belong to the core; the renderer reaches them through the api client.',
  },
  {
    regex: '(^|/)electron/(core|host|main|preload)(/|$)',
    message: 'The renderer cannot import main-process code; share types and rules through shared/.',
  },
];

const SHARED_BOUNDARY = [
  {
    regex: '(^|/)electron/(core|host|main|preload)(/|$)',
    message: 'shared/ is imported by both processes and must not depend on either side.',
  },
];

const SHELL_CODE = [
  {
    regex: '^(\\.\\./)+(electron/)?(main|preload)(/|$)',
    message: 'The core and the host must not import the Electron shell (it imports Electron); the shell depends on them, not the reverse.',
  },
];

const restrict = (...patterns) => ['error', { patterns }];

// no-restricted-imports sees only import declarations; require() and import() get the same rule.
const ELECTRON_CALL_SELECTORS = [
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\u002F.*)?$/]", message: ELECTRON.message },
  { selector: 'ImportExpression[source.value=/^electron(\\u002F.*)?$/]', message: ELECTRON.message },
];
const ELECTRON_CALLS = ['error', ...ELECTRON_CALL_SELECTORS];

// The core takes time and network from what createCore is given (style.md pattern 5): a test
// moves a FakeClock and answers from local servers, so a stray Date.now() or global fetch is a
// test that depends on the wall clock or the internet. Type positions (`typeof fetch`) are fine.
const CLOCK = 'Take the time from the injected Clock (deps.clock.now()), not the wall clock.';
const TIMER = 'Arm timers on the injected Clock (clock.setTimer(ms, fn), which returns a cancel function), so tests can move time by hand.';
const HTTP = 'Use the injected HttpFetch (deps.http / ctx.http), never the global fetch, so tests can answer from local servers.';
const CORE_GLOBALS = [
  'error',
  { name: 'fetch', message: HTTP },
  { name: 'setTimeout', message: TIMER },
  { name: 'setInterval', message: TIMER },
];
const CORE_PROPERTIES = [
  'error',
  { object: 'Date', property: 'now', message: CLOCK },
  // A wall-clock timer too: abort through an AbortController that an injected-clock timer fires.
  { object: 'AbortSignal', property: 'timeout', message: TIMER },
  ...['globalThis', 'global'].flatMap((object) => [
    { object, property: 'fetch', message: HTTP },
    { object, property: 'setTimeout', message: TIMER },
    { object, property: 'setInterval', message: TIMER },
  ]),
];
const CORE_SYNTAX = [
  'error',
  ...ELECTRON_CALL_SELECTORS,
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `${CLOCK} new Date(clock.now()) says which instant.` },
  { selector: "CallExpression[callee.type='Identifier'][callee.name='Date']", message: CLOCK },
];
const CORE_TIMER_IMPORTS = [{ regex: '^(node:)?timers(/promises)?$', message: TIMER }];

// The adapters that ARE the real clock, timers and fetch; everything else gets them injected.
const CORE_ADAPTERS = [
  'electron/core/deps.ts', // systemClock (Date.now, setTimeout) and the HttpFetch type
  'electron/core/log/file-logger.ts', // the shells' logger stamps lines with the wall clock unless given `now`
];


export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    '.tmp/',
    'docs/',
    'coverage/',
    'playwright-report/',
    'test-results/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Node code: the shells, the core, scripts, config files, tests.
  {
    files: ['electron/**', 'scripts/**', 'tests/**', 'resources/**', 'bin/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // Who may import Electron: electron/main and electron/preload, nobody else (tests included —
  // no test may need an Electron binary).
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON), 'no-restricted-syntax': ELECTRON_CALLS },
  },
  {
    files: ['electron/core/**', 'electron/host/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, ...SHELL_CODE) },
  },
  // The core's time and network are injected (see CORE_GLOBALS above).
  {
    files: ['electron/core/**'],
    ignores: [...CORE_ADAPTERS],
    rules: {
      'no-restricted-imports': restrict(ELECTRON, ...SHELL_CODE, ...CORE_TIMER_IMPORTS),
      'no-restricted-globals': CORE_GLOBALS,
      'no-restricted-properties': CORE_PROPERTIES,
      'no-restricted-syntax': CORE_SYNTAX,
    },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, ...SHARED_BOUNDARY) },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, ...NODE_IN_RENDERER) },
  },

  // The preload is sandboxed: `require` reaches only Electron's own modules. The build bundles
  // what it imports from shared/ (zod included); it should not reach for packages itself.
  {
    files: ['electron/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$)(@[^/.]+/)?[^./][^/]*',
              message: 'The sandboxed preload cannot require packages; only electron and files of its own.',
            },
          ],
        },
      ],
    },
  },

  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // Playwright reads a fixture's dependencies from its destructuring pattern; `async ({}, use)`
  // is how a fixture says it has none.
  {
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
