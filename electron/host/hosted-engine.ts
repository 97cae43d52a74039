/**
 * What a host needs from the engine (electron/core `Engine`): the ReviewerApi plus events, media and close.
 * Declared structurally here so both hosts depend on this narrow surface only.
 */
import type { ReviewerApi, ReviewerEvent } from '../../shared/reviewer-api.js';

export interface HostedMedia {
  contentType: string;
  bytes: Uint8Array;
}

export type HostedEngine = ReviewerApi & {
  onEvent(listener: (event: ReviewerEvent) => void): () => void;
  getMedia(sessionId: string, locator: string): HostedMedia | null | Promise<HostedMedia | null>;
  close(): Promise<void>;
};
