// The bridge either host puts in place before the UI starts (preload in Electron, renderer/src/bridge in the browser).
import type { CountersignBridge } from '../../shared/reviewer-api.js';

declare global {
  interface Window {
    countersign: CountersignBridge;
  }
}

export {};
