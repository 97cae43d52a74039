import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Native SQLCipher driver for Electron's ABI. node_modules holds the build for Node's ABI (tests run under Node);
 * scripts/start.mjs rebuilds a copy for Electron with @electron/rebuild into .cache/electron-native/. When that copy
 * exists, the main bundle imports it instead, so node_modules is never rebuilt in place. (Packaged builds are
 * different: electron-builder rebuilds native modules for Electron in its own staging copy, see electron-builder.yml.)
 */
const SQLITE_DRIVER = 'better-sqlite3-multiple-ciphers';
const electronNativeDriver = resolve(__dirname, '.cache/electron-native/node_modules', SQLITE_DRIVER);

/** Rewrites the driver's external import to the rebuilt copy's entry file (ESM cannot import a directory). */
function electronNativePaths(): Record<string, string> | undefined {
  if (!existsSync(resolve(electronNativeDriver, 'build/Release/better_sqlite3.node'))) return undefined;
  return { [SQLITE_DRIVER]: resolve(electronNativeDriver, 'lib/index.js') };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts') },
        output: { paths: electronNativePaths() },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() packages: everything (zod for the method list) goes into one CommonJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves bundles unminified; the renderer is parsed at every start, so it is minified. Its
      // entry chunk holds the inbox only: the case view, outbound, settings and dialogs are lazy chunks (App.tsx).
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        // zod and the switch that keeps it from compiling with `new Function` (shared/zod-jitless.ts) in one chunk,
        // the switch first: a schema built in a shared chunk that loads before the entry's own code would otherwise
        // probe `new Function` and trip the CSP.
        output: { advancedChunks: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|zod-jitless/ }] } },
      },
    },
  },
});
