/**
 * The IPC side of the bridge: one `invoke` channel for every ReviewerApi method. Only our own window's top frame,
 * showing app://countersign/, may call; invokeReviewer checks the method name and the engine parses the payload
 * (schemas from shared/). Engine events are forwarded to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { HostedEngine } from '../host/hosted-engine.js';
import { invokeReviewer, type InvokeResult } from '../host/invoke.js';
import { APP_ORIGIN, CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels.js';

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || event.sender !== window.webContents || !frame) return false;
  if (frame !== window.webContents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Wires the channel; `currentWindow` is asked on every call, so a re-created window keeps working. Returns an undo. */
export function bridgeIpc(engine: HostedEngine, currentWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<InvokeResult> => {
    if (!isTrustedSender(event, currentWindow())) {
      return { ok: false, error: { code: 'forbidden', message: 'This frame may not call Countersign.' } };
    }
    return invokeReviewer(engine, method, input);
  });
  const unsubscribe = engine.onEvent((reviewerEvent) => {
    const window = currentWindow();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, reviewerEvent);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
