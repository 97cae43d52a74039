/**
 * The built renderer (out/renderer) as both hosts serve it: a request path resolved strictly inside the build
 * folder, its content type, and the response headers that lock the page down.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** out/renderer next to out/main when bundled, or from the repository root when run with tsx. */
export function defaultRendererDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'out', 'renderer');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page's policy, sent as a header on top of the <meta> in index.html. Media come from the page's own origin in
 * both hosts (loopback `/media`, `app://countersign/media`). Inline styles stay allowed: React Flow positions nodes
 * with style attributes.
 */
export function rendererCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "img-src 'self' blob: data:",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const HARDENING_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export interface RendererFile {
  contentType: string;
  bytes: Buffer;
}

/** The file for a URL path (`/` is index.html), or null when it is missing or would leave the build folder. */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return null;
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return null;
  try {
    return { contentType, bytes: await readFile(file) };
  } catch {
    return null;
  }
}
