/**
 * Didit v3 session routes (didit-api.md sections 1-4): share, import, decision, list, update-status, delete.
 */
import type { FastifyInstance } from 'fastify';
import { listQuerySchema, updateStatusRequestSchema } from '../../shared/api.js';
import { canonicalStatus, type KycStatus } from '../../shared/statuses.js';
import type { SandboxCore } from '../core.js';
import { fieldError, notFound, parseOrThrow } from '../errors.js';
import { authenticate } from '../http/auth.js';
import { requestOrigin, uuidParam } from '../http/request.js';
import { decisionPayload, sessionSummary } from '../payload.js';
import { deleteSession, updateSessionStatus } from '../sessions-service.js';
import { importSharedSession, mintShareToken } from '../share-import.js';

export function registerSessionRoutes(app: FastifyInstance, core: SandboxCore): void {
  app.post('/v3/session/:sessionId/share/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const response = await mintShareToken(core, caller, uuidParam(request, 'sessionId'), request.body);
    return reply.code(201).send(response);
  });

  app.post('/v3/session/import-shared/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const row = await importSharedSession(core, caller, request.body);
    return reply
      .code(201)
      .send(decisionPayload(row, core.media.urlFactory(requestOrigin(request, core.publicBaseUrl))));
  });

  app.get('/v3/session/:sessionId/decision/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    const row = core.sessions.get(uuidParam(request, 'sessionId'), caller.id);
    if (!row) throw notFound('Session not found.');
    return decisionPayload(row, core.media.urlFactory(requestOrigin(request, core.publicBaseUrl)));
  });

  app.get('/v3/sessions/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    const query = parseOrThrow(listQuerySchema, request.query);
    const statuses = query.status
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s): KycStatus => {
        const canonical = canonicalStatus(s);
        if (canonical === null) throw fieldError('status', `Unknown status: ${s}.`);
        return canonical;
      });
    const { count, rows } = core.sessions.list({
      applicationId: caller.id,
      statuses,
      kind: query.session_kind === 'all' ? undefined : query.session_kind,
      vendorData: query.vendor_data,
      workflowId: query.workflow_id,
      limit: query.limit,
      offset: query.offset,
    });
    const pageUrl = (offset: number) => {
      const url = new URL(request.url, requestOrigin(request, core.publicBaseUrl));
      url.searchParams.set('limit', String(query.limit));
      url.searchParams.set('offset', String(offset));
      return url.toString();
    };
    return {
      count,
      next: query.offset + query.limit < count ? pageUrl(query.offset + query.limit) : null,
      previous: query.offset > 0 ? pageUrl(Math.max(0, query.offset - query.limit)) : null,
      results: rows.map(sessionSummary),
    };
  });

  app.patch('/v3/session/:sessionId/update-status/', async (request) => {
    const caller = authenticate(core, request, 'write:sessions');
    const id = uuidParam(request, 'sessionId');
    const body = parseOrThrow(updateStatusRequestSchema, request.body);
    updateSessionStatus(core, caller, id, body);
    return { session_id: id };
  });

  app.delete('/v3/session/:sessionId/delete/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    deleteSession(core, caller, uuidParam(request, 'sessionId'));
    return reply.code(204).send();
  });
}
