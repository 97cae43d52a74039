/**
 * Webhook destinations (didit-api.md section 5). The secret is shown once, in the creation response.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { webhookDestinationRequestSchema } from '../../shared/api.js';
import type { SandboxCore } from '../core.js';
import { notFound, parseOrThrow } from '../errors.js';
import { authenticate } from '../http/auth.js';
import { uuidParam } from '../http/request.js';
import type { DestinationRow } from '../store/webhooks.js';

const toWire = (d: DestinationRow) => ({
  uuid: d.id,
  url: d.url,
  subscribed_events: JSON.parse(d.subscribed_events) as string[],
  label: d.label,
  enabled: d.enabled === 1,
  created_at: d.created_at,
});

export function registerWebhookRoutes(app: FastifyInstance, core: SandboxCore): void {
  app.post('/v3/webhook/destinations/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const body = parseOrThrow(webhookDestinationRequestSchema, request.body);
    const row: DestinationRow = {
      id: randomUUID(),
      application_id: caller.id,
      url: body.url,
      subscribed_events: JSON.stringify([...new Set(body.subscribed_events)]),
      label: body.label ?? null,
      enabled: body.enabled ? 1 : 0,
      secret: randomBytes(32).toString('hex'),
      created_at: core.clock.isoNow(),
    };
    core.webhooks.insert(row);
    return reply.code(201).send({ ...toWire(row), secret_shared_key: row.secret });
  });

  app.get('/v3/webhook/destinations/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    const results = core.webhooks.list(caller.id).map(toWire);
    return { count: results.length, next: null, previous: null, results };
  });

  app.delete('/v3/webhook/destinations/:uuid/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    if (!core.webhooks.delete(uuidParam(request, 'uuid'), caller.id)) throw notFound('Webhook destination not found.');
    return reply.code(204).send();
  });
}
