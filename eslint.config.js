// The dependency rule of docs/architecture.md, enforced here:
//   shared <- sandbox, electron/core <- electron/host <- electron/{main,serve}; renderer -> shared only;
//   core never imports electron or a host; main and serve never import each other and reach core only via its index.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});
const group = (names, message) => ({ group: names, message });
const hostFolders = ['main', 'preload', 'serve', 'host'];
// The Electron shell and the browser server reach the engine only through its public surface.
const coreOnlyViaIndex = group(
  ['**/electron/core/**', '../core/**', '!**/electron/core/index.js', '!../core/index.js'],
  'Hosts reach electron/core only through electron/core/index.ts (or through electron/host).',
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  layer(
    ['shared/**'],
    [
      group(
        ['**/sandbox/**', '**/electron/**', '**/renderer/**'],
        'shared/ imports nothing of the project but itself.',
      ),
    ],
    [
      ...nodeBuiltins.map((name) => ({
        name,
        message: 'shared/ runs in Node and in the browser: no Node-only modules.',
      })),
      { name: 'electron', message: 'shared/ never imports electron.' },
    ],
  ),
  layer(
    ['sandbox/**'],
    [group(['**/electron/**', '**/renderer/**'], 'sandbox/ may import shared/ only.')],
    [{ name: 'electron', message: 'sandbox/ never imports electron.' }],
  ),
  layer(
    ['electron/core/**'],
    [
      group(
        [
          '**/electron/main/**',
          '**/electron/preload/**',
          '**/electron/serve/**',
          '**/electron/host/**',
          '**/renderer/**',
          '**/sandbox/**',
          ...hostFolders.flatMap((host) => [`../${host}/**`, `../../${host}/**`]),
        ],
        'electron/core may import shared/ only; hosts import core, not the reverse.',
      ),
    ],
    [{ name: 'electron', message: 'electron/core is plain Node: it never imports electron.' }],
  ),
  layer(
    ['electron/host/**'],
    [
      group(['**/renderer/**'], 'Hosts reach the UI only by serving its build.'),
      group(
        [
          '**/electron/main/**',
          '**/electron/preload/**',
          '**/electron/serve/**',
          '../main/**',
          '../preload/**',
          '../serve/**',
        ],
        'electron/host is what both hosts share: it imports core, shared/ and the sandbox, never one host.',
      ),
    ],
    [
      {
        name: 'electron',
        message: 'electron/host also runs in the browser host (plain Node): it never imports electron.',
      },
    ],
  ),
  layer(
    ['electron/serve/**'],
    [
      group(['**/renderer/**'], 'Hosts reach the UI only by serving its build.'),
      group(
        ['**/electron/main/**', '**/electron/preload/**', '../main/**', '../preload/**'],
        'The browser host never imports the Electron shell; what both share lives in electron/host.',
      ),
      coreOnlyViaIndex,
    ],
    [{ name: 'electron', message: 'The browser host runs in plain Node: it never imports electron.' }],
  ),
  layer(
    ['electron/main/**'],
    [
      group(['**/renderer/**'], 'Hosts reach the UI only by serving its build.'),
      group(
        ['**/electron/serve/**', '../serve/**'],
        'The Electron shell never imports the browser host; what both share lives in electron/host.',
      ),
      coreOnlyViaIndex,
    ],
  ),
  layer(
    ['electron/preload/**'],
    [
      group(
        [
          '**/renderer/**',
          '**/sandbox/**',
          '**/electron/core/**',
          '**/electron/host/**',
          '**/electron/main/**',
          '**/electron/serve/**',
          '../core/**',
          '../host/**',
          '../main/**',
          '../serve/**',
        ],
        'The sandboxed preload imports shared/ and electron only: it holds the bridge, never the engine.',
      ),
    ],
  ),
  layer(
    ['renderer/**'],
    [
      group(
        ['**/electron/**', '**/sandbox/**', '../electron/**'],
        'The renderer reaches the engine only through the ReviewerApi (window.countersign).',
      ),
    ],
    [
      ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node modules.' })),
      { name: 'electron', message: 'The renderer never imports electron.' },
    ],
  ),
  {
    files: ['test/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['sandbox/cli.ts', 'electron/serve/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
