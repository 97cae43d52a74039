/**
 * Small request helpers shared by the routes.
 */
import type { FastifyRequest } from 'fastify';
import { uuidSchema } from '../../shared/didit/api.js';
import { notFound } from '../errors.js';

/**
 * `http://host:port` as the client addressed the server: the base of every absolute URL in a response.
 * A missing or malformed Host header falls back to the server's own address.
 */
export function requestOrigin(request: FastifyRequest, fallback: string): string {
  const host = request.host;
  return typeof host === 'string' && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(host)
    ? `${request.protocol}://${host}`
    : fallback;
}

/** A path id that is not a UUID names nothing: 404, like an unknown id. */
export function uuidParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!uuidSchema.safeParse(value).success) throw notFound();
  return value as string;
}
