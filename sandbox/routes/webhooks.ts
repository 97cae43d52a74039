/**
 * Webhook destinations (docs/didit-api.md §11, management-api/webhook/*). The secret is shown once, in the creation
 * response (Didit also returns it from GET one destination, a route the sandbox does not have). The list is a bare
 * array, oldest first, as documented.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { webhookDestinationRequestSchema } from '../../shared/didit/api.js';
import type { SandboxCore } from '../sandbox-state.js';
import { fieldError, notFound, parseOrThrow } from '../errors.js';
import { authenticate } from '../http/auth.js';
import { uuidParam } from '../http/request.js';
import type { DestinationRow } from '../store/webhooks.js';

const toWire = (d: DestinationRow) => ({
  uuid: d.id,
  label: d.label,
  url: d.url,
  enabled: d.enabled === 1,
  webhook_version: d.webhook_version,
  subscribed_events: JSON.parse(d.subscribed_events) as string[],
  created_at: d.created_at,
  // Destinations cannot be updated in the sandbox.
  updated_at: d.created_at,
});

export function registerWebhookRoutes(app: FastifyInstance, core: SandboxCore): void {
  app.post('/v3/webhook/destinations/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const body = parseOrThrow(webhookDestinationRequestSchema, request.body);
    if (core.webhooks.list(caller.id).some((d) => d.url === body.url)) {
      // The (application, url) pair is unique (management-api/webhook/create-destination).
      throw fieldError('url', 'A webhook destination with this URL already exists.', 'destination_exists');
    }
    const row: DestinationRow = {
      id: randomUUID(),
      application_id: caller.id,
      url: body.url,
      subscribed_events: JSON.stringify([...new Set(body.subscribed_events ?? [])]),
      label: body.label ?? null,
      enabled: body.enabled ? 1 : 0,
      // Didit's secrets are 43-character URL-safe tokens.
      secret: randomBytes(32).toString('base64url'),
      created_at: core.clock.isoNow(),
      webhook_version: body.webhook_version,
    };
    core.webhooks.insert(row);
    return reply.code(201).send({
      ...toWire(row),
      secret_shared_key: row.secret,
      summary: {
        total_deliveries: 0,
        failed_deliveries: 0,
        error_rate_percentage: 0,
        min_response_time_ms: null,
        avg_response_time_ms: null,
        max_response_time_ms: null,
        last_delivery_at: null,
      },
    });
  });

  app.get('/v3/webhook/destinations/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    return core.webhooks.list(caller.id).map(toWire);
  });

  app.delete('/v3/webhook/destinations/:uuid/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    if (!core.webhooks.delete(uuidParam(request, 'uuid'), caller.id)) throw notFound('Webhook destination not found.');
    return reply.code(204).send();
  });
}
