/**
 * The one hardened window (Electron's security checklist): context isolation, sandbox, no Node integration, the UI
 * from app://countersign/, navigation / new windows / <webview> / permission requests denied (https links from
 * payloads go to the system browser, external-links.ts). The one permission granted is writing to the clipboard
 * (the outbound sidebar's "Copy"), and only to our own origin.
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN } from '../preload/channels.js';
import { denyAndOpenExternally } from './external-links.js';

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Session-wide rules; call once, before the first window loads. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl)),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && requestingOrigin === APP_ORIGIN,
  );
}

export async function createMainWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Countersign',
    show: false,
    webPreferences: {
      // Sandboxed preloads must be CommonJS: electron.vite.config.ts builds it as index.cjs.
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Only for Chromium's built-in PDF viewer: proof-of-address PDFs preview inline from app://countersign/media.
      plugins: true,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  const contents = window.webContents;
  // New windows are denied; an https link (SafeLink, target=_blank) opens in the system browser instead.
  contents.setWindowOpenHandler(denyAndOpenExternally((url) => shell.openExternal(url)));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
