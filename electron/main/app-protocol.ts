/**
 * The `app://countersign/` protocol: the built renderer and the cached media, straight from the encrypted cache
 * (never written to disk as files). Registered as a standard, secure scheme so the page has a real origin for
 * `'self'` in its CSP, fetch and the clipboard permission.
 */
import { protocol, type Session } from 'electron';
import type { HostedEngine } from '../host/hosted-engine.js';
import { mediaResponse } from '../host/media.js';
import { HARDENING_HEADERS, readRendererFile, rendererCsp } from '../host/renderer-files.js';
import { APP_HOST, APP_SCHEME } from '../preload/channels.js';

/** Before `app.whenReady()`: privileges can only be granted then. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function text(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...HARDENING_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  });
}

export function handleAppProtocol(session: Session, engine: HostedEngine, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Unknown host.');
    if (request.method !== 'GET') return text(405, 'Method not allowed.');
    if (url.pathname === '/media') {
      const media = await mediaResponse(engine, url.searchParams.get('session'), url.searchParams.get('locator'));
      return new Response(media.body, {
        status: media.status,
        headers: { ...HARDENING_HEADERS, ...media.headers },
      });
    }
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return text(404, 'Not found.');
    return new Response(new Uint8Array(file.bytes), {
      headers: { ...HARDENING_HEADERS, 'content-type': file.contentType, 'content-security-policy': rendererCsp() },
    });
  });
}
