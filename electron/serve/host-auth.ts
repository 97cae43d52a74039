/**
 * The browser host's per-launch secret.
 *
 * - API clients send `Authorization: Bearer <token>`.
 * - A browser opens the printed launch URL `http://127.0.0.1:<port>/?token=<token>` once: the host answers with an
 *   HttpOnly, SameSite=Strict cookie holding the token and redirects to `/`, so the token leaves the address bar
 *   and history, page scripts can never read it, and every later page load, fetch, EventSource and <img> carries it.
 * - Any cookie of our name that holds the token is enough: a cookie of the same name planted by another local page
 *   (cookies are per host name, not per port or scheme) must not lock the analyst out.
 * - Every request must also name this host (Host header 127.0.0.1 or localhost on our port), which stops DNS
 *   rebinding; and a request that carries an Origin must come from our own origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared across ports of one host name, so the name carries the port. */
function cookieName(port: number): string {
  return `countersign_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Every value sent under `name`: another local page can plant a cookie of the same name next to ours. */
function cookieValues(req: IncomingMessage, name: string): string[] {
  const values: string[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** True when any candidate is the token; every candidate is compared (in constant time), none short-circuits. */
function anySameSecret(candidates: string[], token: string): boolean {
  let found = false;
  for (const candidate of candidates) found = sameSecret(candidate, token) || found;
  return found;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export function isAuthorized(req: IncomingMessage, port: number, token: string): boolean {
  return sameSecret(bearerToken(req), token) || anySameSecret(cookieValues(req, cookieName(port)), token);
}

export function isLaunchToken(candidate: string | null, token: string): boolean {
  return sameSecret(candidate ?? undefined, token);
}

export function isOurHost(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function isOurOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
