/**
 * Preload (sandboxed, context-isolated): exposes exactly the CountersignBridge of shared/reviewer-api.ts as
 * `window.countersign`, nothing else: no ipcRenderer, no IPC event objects, no Node. Calls go to the main process,
 * which checks the sender and the method name and hands the payload to the engine, which parses it. A failed call
 * rejects with a plain `{ code, message, field? }` object (contextBridge would strip an Error subclass down to its
 * message).
 */
import '../../shared/zod-jitless.js';
import { contextBridge, ipcRenderer } from 'electron';
import {
  createReviewerApi,
  type CountersignBridge,
  type ReviewerEvent,
  type ReviewerMethod,
} from '../../shared/reviewer-api.js';
import { APP_ORIGIN, CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';

type CallResult =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string } };

async function call(method: ReviewerMethod, input: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(CALL_CHANNEL, method, input)) as CallResult;
  if (result.ok) return result.value;
  throw { ...result.error };
}

const bridge: CountersignBridge = {
  api: createReviewerApi(call),
  mediaUrl: (sessionId, locator) =>
    `${APP_ORIGIN}/media?session=${encodeURIComponent(sessionId)}&locator=${encodeURIComponent(locator)}`,
  onEvent(listener) {
    const forward = (_event: Electron.IpcRendererEvent, payload: ReviewerEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  host: 'electron',
};

contextBridge.exposeInMainWorld('countersign', bridge);
