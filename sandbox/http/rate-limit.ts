/**
 * Opt-in Didit-like throttling of the /v3/ routes: a fixed window per API key (per client address when there is
 * none), answered 429 with Retry-After.
 */
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { detailError } from '../errors.js';

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 60, windowSeconds: 60 };
const MAX_TRACKED_CLIENTS = 10_000;

export function registerRateLimit(app: FastifyInstance, limits: RateLimitOptions, nowMs: () => number): void {
  const windows = new Map<string, { startMs: number; count: number }>();
  const windowMs = limits.windowSeconds * 1000;
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v3/')) return;
    const key = request.headers['x-api-key'];
    const client =
      typeof key === 'string' && key.length > 0 ? createHash('sha256').update(key).digest('hex') : `ip:${request.ip}`;
    const now = nowMs();
    if (windows.size > MAX_TRACKED_CLIENTS) {
      for (const [k, w] of windows) if (now - w.startMs >= windowMs) windows.delete(k);
    }
    let window = windows.get(client);
    if (!window || now - window.startMs >= windowMs) {
      window = { startMs: now, count: 0 };
      windows.set(client, window);
    }
    window.count += 1;
    if (window.count > limits.max) {
      const retryAfter = Math.max(1, Math.ceil((window.startMs + windowMs - now) / 1000));
      throw detailError(429, 'throttled', `Request was throttled. Expected available in ${retryAfter} seconds.`, {
        'retry-after': String(retryAfter),
      });
    }
  });
}
