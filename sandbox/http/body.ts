/**
 * The one body parser: JSON, whatever the Content-Type says, at most 1 MB. A larger body is read to the end and
 * discarded before the 413 goes out, so the client sees the answer instead of a broken pipe (up to a hard cap,
 * past which the connection is dropped rather than drained forever).
 */
import type { FastifyInstance } from 'fastify';
import { detailError } from '../errors.js';

const BODY_LIMIT_BYTES = 1024 * 1024;
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(request.headers['content-length']) > BODY_LIMIT_BYTES;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) return payload.destroy();
      if (received > BODY_LIMIT_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    payload.on('error', (err) => done(err, undefined));
    payload.on('end', () => {
      if (tooLarge)
        return done(detailError(413, 'payload_too_large', 'Request body exceeds the 1 MB limit.'), undefined);
      if (received === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        done(detailError(400, 'parse_error', 'Malformed JSON body.'), undefined);
      }
    });
  });
}
