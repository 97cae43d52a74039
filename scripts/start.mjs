#!/usr/bin/env node
// `npm start`: build, then launch the Electron shell. Where no Electron binary exists and none can be fetched
// (like a machine with no route to Electron's release host), say so plainly and start the browser host instead.
// Arguments after `npm start --` go to whichever host starts (e.g. `--no-demo`).
//
// Native modules for Electron's ABI: node_modules keeps better-sqlite3-multiple-ciphers built for Node (npm test
// runs under Node). Before launching Electron, this script rebuilds a *copy* of that package for Electron's ABI into
// .cache/electron-native/ with @electron/rebuild (fetched by npx at a pinned 3.x version, since 4.x needs Node 22), and
// electron.vite.config.ts makes the main bundle import that copy. @napi-rs/keyring is N-API and needs no rebuild.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');
const SQLITE_DRIVER = 'better-sqlite3-multiple-ciphers';
const nativeDir = join(root, '.cache', 'electron-native');

function run(command, commandArgs, timeoutMs, { quiet = false } = {}) {
  // Build and download chatter goes to stderr: stdout stays for the host's one ready line. A quiet step keeps its
  // output and, when it fails, shows only its last line instead of a stack trace.
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: quiet ? [0, 'pipe', 'pipe'] : [0, 2, 2],
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  if (quiet && result.status !== 0) {
    const lines = `${result.stderr ?? ''}${result.stdout ?? ''}`
      .split('\n')
      .filter((l) => l.trim() && !/^\s+at /.test(l));
    console.error(`  failed: ${lines.at(-1)?.trim() ?? `exit code ${result.status}`}`);
  }
  return result.status === 0;
}

/** The Electron executable when it is installed; never triggers a download itself (electron's index.js would). */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function fetchElectron() {
  console.error('Electron binary not installed; fetching it (node node_modules/electron/install.js)...');
  run(process.execPath, [join(electronDir, 'install.js')], 180_000, { quiet: true });
  return electronBinary();
}

/** The SQLCipher driver rebuilt for this Electron version in .cache/electron-native/, or false when that failed. */
function prepareElectronNative(electronVersion) {
  const stamp = join(nativeDir, 'electron-version');
  const binding = join(nativeDir, 'node_modules', SQLITE_DRIVER, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return true;
  console.error(`Building ${SQLITE_DRIVER} for Electron ${electronVersion} into .cache/electron-native/ ...`);
  rmSync(nativeDir, { recursive: true, force: true });
  mkdirSync(join(nativeDir, 'node_modules'), { recursive: true });
  const driverVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', SQLITE_DRIVER, 'package.json'), 'utf8'),
  ).version;
  writeFileSync(
    join(nativeDir, 'package.json'),
    JSON.stringify({
      name: 'countersign-electron-native',
      private: true,
      dependencies: { [SQLITE_DRIVER]: driverVersion },
    }),
  );
  cpSync(join(root, 'node_modules', SQLITE_DRIVER), join(nativeDir, 'node_modules', SQLITE_DRIVER), {
    recursive: true,
  });
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const ok = run(
    npx,
    [
      '--yes',
      '@electron/rebuild@3.7.2', // pinned: 4.x needs Node 22
      '--version',
      electronVersion,
      '--module-dir',
      nativeDir,
      '--only',
      SQLITE_DRIVER,
      '--force',
    ],
    600_000,
  );
  if (!ok || !existsSync(binding)) return false;
  writeFileSync(stamp, electronVersion);
  return true;
}

function launch(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
let binary = electronBinary() ?? fetchElectron();
if (binary && !prepareElectronNative(electronVersion)) {
  console.error(`Could not build ${SQLITE_DRIVER} for Electron's ABI (needs internet and a C++ toolchain).`);
  binary = null;
}

console.error('Building (electron-vite build)...');
if (!run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])) {
  console.error('The build failed; see above.');
  process.exit(1);
}

if (binary) {
  launch(binary, ['.', ...args]);
} else {
  console.error(
    'Electron cannot run on this machine (its binary is missing and could not be fetched or prepared). ' +
      'Starting the browser host instead: the same app in your browser (npm run serve).',
  );
  launch(process.execPath, [join(root, 'out', 'serve', 'cli.js'), ...args]);
}
