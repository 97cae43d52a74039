/**
 * The Fastify app: body parser, optional rate limit, routes, and errors always as JSON (never an HTML page,
 * never a 500 for bad input). Requests are logged without ids, query strings or bodies.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { SandboxCore } from './sandbox-state.js';
import { ApiError } from './errors.js';
import { registerJsonBodyParser } from './http/body.js';
import { registerRateLimit, type RateLimitOptions } from './http/rate-limit.js';
import { registerCaseRoutes } from './routes/case.js';
import { registerMediaRoutes } from './routes/media.js';
import { registerSandboxRoutes } from './routes/sandbox.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerWebhookRoutes } from './routes/webhooks.js';

/**
 * The routes validate their input with zod and declare no JSON schemas, so Fastify builds no schema compilers:
 * building its default ones (Ajv, fast-json-stringify) was half the cost of creating the server.
 */
function noSchemaCompiler(): never {
  throw new Error('The sandbox routes declare no JSON schemas: they validate with zod.');
}

export function createFastify(logLevel: string): FastifyInstance {
  return Fastify({
    logger: { level: logLevel, stream: process.stderr },
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    schemaController: { compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler } },
  });
}

export function registerSandbox(app: FastifyInstance, core: SandboxCore, rateLimit?: RateLimitOptions): void {
  registerJsonBodyParser(app);
  if (rateLimit) registerRateLimit(app, rateLimit, Date.now);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(unknown)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) return reply.code(err.statusCode).headers(err.headers).send(err.body);
    const status = err.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const reason = STATUS_CODES[status] ?? 'Bad Request';
      return reply.code(status).send({ detail: `${reason}.`, code: reason.toLowerCase().replace(/[^a-z]+/g, '_') });
    }
    // The socket, not the request stream: a request whose body was fully read is "destroyed" too.
    if (request.raw.socket?.destroyed !== false) {
      // The client went away mid-request (e.g. half a body then a disconnect): nobody to answer.
      request.log.info({ code: (err as FastifyError).code }, 'client disconnected');
      return reply.code(400).send({ detail: 'Client disconnected.', code: 'client_disconnected' });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ detail: 'Internal server error.', code: 'internal_error' });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ detail: 'Not found.', code: 'not_found' }));

  registerSessionRoutes(app, core);
  registerCaseRoutes(app, core);
  registerWebhookRoutes(app, core);
  registerMediaRoutes(app, core);
  registerSandboxRoutes(app, core);
}
