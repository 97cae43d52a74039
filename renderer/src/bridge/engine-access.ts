// The one way the UI reaches the engine: the ReviewerApi behind window.countersign (put there by the preload in
// Electron, by installBridge in the browser host).
import type { ReviewerApi, ReviewerEvent } from '../../../shared/reviewer-api.js';

export function api(): ReviewerApi {
  return window.countersign.api;
}

export function mediaUrl(sessionId: string, locator: string): string {
  return window.countersign.mediaUrl(sessionId, locator);
}

export function onEngineEvent(listener: (event: ReviewerEvent) => void): () => void {
  return window.countersign.onEvent(listener);
}
