/**
 * Cached media as both hosts hand it to the renderer: only JPEG, PNG, WebP and PDF, checked by their magic bytes
 * again at the door (the cache already refuses anything else), never SVG or HTML, and never sniffed by the browser.
 */
import { sniffMediaType } from '../core/sync/media-fetch.js';
import type { HostedEngine } from './hosted-engine.js';

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const MEDIA_HEADERS = {
  'x-content-type-options': 'nosniff',
  // A PDF, opened on its own or previewed in the case's <iframe>, gets no scripts, no forms, no navigation (the
  // browser's own PDF viewer still draws it under `sandbox`). Only the app's own pages may frame it.
  'content-security-policy':
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'private, max-age=300',
};

function plain(status: number, message: string): MediaResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: message,
  };
}

export async function mediaResponse(
  engine: HostedEngine,
  sessionId: string | null,
  locator: string | null,
): Promise<MediaResponse> {
  if (!sessionId || !locator || sessionId.length > 200 || locator.length > 300) {
    return plain(400, 'Media requests need a session and a locator.');
  }
  const item = await engine.getMedia(sessionId, locator);
  if (!item) return plain(404, 'No such media in the cache.');
  const actual = sniffMediaType(item.bytes);
  if (!actual || actual !== item.contentType.split(';')[0]?.trim().toLowerCase()) {
    return plain(415, 'This media item is not an allowed JPEG, PNG, WebP or PDF.');
  }
  return {
    status: 200,
    headers: {
      ...MEDIA_HEADERS,
      'content-type': actual,
      'content-length': String(item.bytes.byteLength),
      'content-disposition': 'inline',
    },
    body: item.bytes,
  };
}
