/**
 * Electron shell: app lifecycle around the same engine the browser host runs (bootstrap in electron/host).
 * One instance per user (a second launch focuses the first window); the first start opens on the embedded demo
 * sandbox; quitting waits for the engine to flush the outbox state and close the database before the process ends.
 *
 * Native modules: better-sqlite3-multiple-ciphers in node_modules is built for Node's ABI (npm test runs under
 * Node). For Electron, scripts/start.mjs rebuilds a copy for Electron's ABI into .cache/electron-native/ with
 * @electron/rebuild, and electron.vite.config.ts points the main bundle at that copy; node_modules stays untouched.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { startHost, type HostRuntime } from '../host/bootstrap.js';
import { defaultRendererDir } from '../host/renderer-files.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { bridgeIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { notifyOnImports } from './notify.js';
import { systemProxy } from './system-proxy.js';
import { createMainWindow, lockDownSession } from './window.js';

let runtime: HostRuntime | null = null;
let mainWindow: BrowserWindow | null = null;
const disposers: (() => void)[] = [];
let shutdown: 'running' | 'closing' | 'closed' = 'running';

const currentWindow = () => mainWindow;

async function showWindow(): Promise<void> {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = await createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));
}

async function start(): Promise<void> {
  installMenu();
  lockDownSession(session.defaultSession);
  runtime = await startHost({
    profileDir: join(app.getPath('userData'), 'profile'),
    demo: !process.argv.includes('--no-demo'),
    log: (line) => console.warn(line),
    proxy: await systemProxy(session.defaultSession),
  });
  handleAppProtocol(session.defaultSession, runtime.engine, defaultRendererDir());
  disposers.push(bridgeIpc(runtime.engine, currentWindow), notifyOnImports(runtime.engine, currentWindow));
  await showWindow();
}

/** Runs once on quit: the engine flushes and closes, then the sandbox, then the process may end. */
function closeRuntime(): Promise<void> {
  for (const dispose of disposers.splice(0)) dispose();
  return (runtime?.close() ?? Promise.resolve()).catch((err: unknown) => {
    console.error(`Countersign: clean shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
  });
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => {
    if (runtime) void showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void closeRuntime().then(() => {
      shutdown = 'closed';
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Countersign could not start', err instanceof Error ? err.message : String(err));
      void closeRuntime().then(() => app.exit(1));
    });
}
