import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { DEMO_MEDIA_FILE, writeDemoMediaFile } from './sandbox/demo-media.js';

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

/**
 * The browser host (`npm run serve`, the e2e tests, the UI benchmark) as one built file, out/serve/cli.js: loading
 * its TypeScript through tsx cost about 0.6 s of CPU at every start. It is built with the main bundle, so one
 * `electron-vite build` never leaves a stale copy. The packages it loads at start go into the file too (Node finding
 * and loading the few hundred files of fastify, undici, zod and jose cost another ~70 ms per start). Left out and
 * loaded from node_modules: the native drivers, so the host, which runs under Node, gets the Node-ABI SQLCipher
 * driver, never the Electron copy the main bundle may import; and the case report's PDF libraries (fontkit reads
 * data files beside its code), which stay in a lazy chunk with the dossier, as in the main bundle.
 */
const BROWSER_HOST_EXTERNAL = [SQLITE_DRIVER, '@napi-rs/keyring', '@cantoo/pdf-lib', '@cantoo/fontkit', 'fflate'];

function browserHostBuild(): Plugin {
  return {
    name: 'countersign:browser-host',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root: __dirname,
        logLevel: 'warn',
        ssr: { noExternal: true, external: BROWSER_HOST_EXTERNAL },
        build: {
          ssr: resolve(__dirname, 'electron/serve/cli.ts'),
          outDir: resolve(__dirname, 'out/serve'),
          emptyOutDir: true,
          target: 'node20',
          minify: false,
          reportCompressedSize: false,
          rolldownOptions: { output: { entryFileNames: 'cli.js', chunkFileNames: 'chunks/[name]-[hash].js' } },
        },
      });
    },
  };
}

/** The demo's media, drawn once per build for the built hosts to read (sandbox/demo-media.ts). */
function demoMediaFile(): Plugin {
  return {
    name: 'countersign:demo-media',
    apply: 'build',
    closeBundle() {
      writeDemoMediaFile(resolve(__dirname, 'out', DEMO_MEDIA_FILE));
    },
  };
}

export default defineConfig({
  main: {
    plugins: [browserHostBuild(), demoMediaFile()],
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
