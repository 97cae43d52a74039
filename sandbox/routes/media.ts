/**
 * Signed media downloads: no API key, the URL's signature and expiry are the credential.
 */
import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../sandbox-state.js';
import { detailError, notFound } from '../errors.js';
import { MEDIA_PATH } from '../media-urls.js';
import { readMedia } from '../synthetic-media-store.js';

export function registerMediaRoutes(app: FastifyInstance, core: SandboxCore): void {
  app.get(`${MEDIA_PATH}:sha256`, async (request, reply) => {
    const { sha256 } = request.params as { sha256: string };
    const { exp, sig } = request.query as { exp?: unknown; sig?: unknown };
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw notFound();
    const check = core.media.check(
      sha256,
      typeof exp === 'string' ? exp : undefined,
      typeof sig === 'string' ? sig : undefined,
    );
    if (check === 'invalid') throw detailError(403, 'media_url_invalid', 'The media URL signature is invalid.');
    if (check === 'expired')
      throw detailError(410, 'media_url_expired', 'The media URL has expired; read the session again for a fresh one.');
    const media = readMedia(core, sha256);
    if (!media) throw notFound('Media not found.');
    return reply
      .header('content-type', media.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=300')
      .send(media.bytes);
  });
}
