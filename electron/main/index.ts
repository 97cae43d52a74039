// Electron shell: placeholder until the reviewer app issue fills it (hardened window, app:// protocol, IPC bridge).
import { app, BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.mjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  await win.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
}

app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
