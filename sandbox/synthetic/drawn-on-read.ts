import type { SyntheticMedia } from './types.js';

/**
 * A medium drawn when its bytes are first read, then kept. Drawing is most of what generating a session costs, and a
 * server that stores a session's text does not need its images until someone downloads them. Whatever the drawing
 * uses is computed before (every rng draw included), so when it happens changes nothing in the result.
 */
export function drawnOnRead(contentType: SyntheticMedia['contentType'], draw: () => Uint8Array): SyntheticMedia {
  let bytes: Uint8Array | undefined;
  return {
    contentType,
    get bytes() {
      bytes ??= draw();
      return bytes;
    },
  };
}
