/**
 * Sandbox-only routes (not part of Didit's API), all under /sandbox/: make sessions, add applications, look at
 * entities, move the clock. Each is documented in README.md, "## Sandbox".
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxCore } from '../sandbox-state.js';
import { parseOrThrow } from '../errors.js';
import { authenticate } from '../http/auth.js';
import {
  createRawSession,
  createSandboxSession,
  rawSessionRequestSchema,
  sandboxSessionRequestSchema,
  sessionDecision,
} from '../sessions-service.js';
import { payloadContext } from './sessions.js';
import { PRIVILEGES, type Application } from '../store/applications.js';

const newApplicationSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  privileges: z.array(z.enum(PRIVILEGES)).default([...PRIVILEGES]),
});

const TEN_YEARS_SECONDS = 10 * 365 * 86_400;
const clockSeconds = z.number().int().min(0).max(TEN_YEARS_SECONDS).optional();
const clockSchema = z
  .strictObject({ advance_seconds: clockSeconds, offset_seconds: clockSeconds })
  .refine((b) => (b.advance_seconds === undefined) !== (b.offset_seconds === undefined), {
    message: 'Give exactly one of advance_seconds or offset_seconds.',
  });

export function registerSandboxRoutes(app: FastifyInstance, core: SandboxCore): void {
  const describe = (a: Application) => ({
    id: a.id,
    name: a.name,
    privileges: a.privileges,
    workflows: core.apps.workflows(a.id),
  });
  const clockState = () => ({ now: core.clock.isoNow(), offset_seconds: core.clock.offsetSeconds });

  app.get('/sandbox/health/', async () => ({ status: 'ok' }));

  app.post('/sandbox/sessions/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const body = parseOrThrow(sandboxSessionRequestSchema, request.body);
    const row = createSandboxSession(core, caller, body);
    return reply.code(201).send(sessionDecision(core, row, payloadContext(core, request)));
  });

  /** A session from a decision payload as Didit documents it, served back verbatim (conformance tests). */
  app.post('/sandbox/sessions/raw/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const body = parseOrThrow(rawSessionRequestSchema, request.body);
    const row = createRawSession(core, caller, body);
    return reply.code(201).send({ session_id: row.id, session_number: row.session_number });
  });

  app.get('/sandbox/applications/', async (request) => {
    authenticate(core, request);
    return { results: core.apps.list().map(describe) };
  });

  app.post('/sandbox/applications/', async (request, reply) => {
    authenticate(core, request);
    const body = parseOrThrow(newApplicationSchema, request.body);
    const { application, apiKey } = core.apps.create(body.name, body.privileges, core.clock.isoNow());
    return reply.code(201).send({ ...describe(application), api_key: apiKey });
  });

  app.get('/sandbox/entities/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    const results = core.sessions.entities(caller.id);
    return { count: results.length, results };
  });

  app.get('/sandbox/clock/', async (request) => {
    authenticate(core, request);
    return clockState();
  });

  app.post('/sandbox/clock/', async (request) => {
    authenticate(core, request);
    const body = parseOrThrow(clockSchema, request.body);
    core.clock.setOffsetSeconds(body.offset_seconds ?? core.clock.offsetSeconds + (body.advance_seconds ?? 0));
    return clockState();
  });
}
