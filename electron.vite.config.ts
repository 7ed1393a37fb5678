import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/lib/precompress.mjs';

// One build for both ways of running Loomcast: out/main/index.js is the Electron shell,
// out/main/host.js is browser mode (`npm run web`); both bundle the same plain-Node core.
// out/main/loomcast.js is the command-line tool, a client of either one's local API.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          host: resolve(__dirname, 'electron/host/cli.ts'),
          // The `loomcast` command and `loomcast mcp` (bin/loomcast.mjs runs it).
          loomcast: resolve(__dirname, 'electron/cli/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle what it imports (the contract's
      // names, electron/preload/contract-names.json; not the contract and zod) into it.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      minify: true,
      rollupOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
        // Each screen is a lazy chunk (renderer/src/App.tsx); the libraries they all use are
        // chunks of their own, cached apart from the app's code, so the entry script is the frame.
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
              { name: 'luxon', test: /node_modules[\\/]luxon[\\/]/ },
            ],
          },
        },
      },
    },
    // Brotli and gzip copies of the text files for browser mode (electron/host/static-files.ts).
    plugins: [react(), precompress()],
  },
});
