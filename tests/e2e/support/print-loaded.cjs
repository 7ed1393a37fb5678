// Preloaded into a host (NODE_OPTIONS=--require) by cold-start.spec.ts: as the process exits, it
// names on stderr every package the process loaded.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (m) packages.add(m[1].replace(/\\/g, '/'));
  }
  writeSync(2, `loaded packages: ${JSON.stringify([...packages].sort())}\n`);
});
