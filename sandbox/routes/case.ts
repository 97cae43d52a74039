/**
 * Didit v3 case-management routes (docs/didit-api.md §9, §10): AML hit dispositions, single and bulk, and the
 * session reviews feed with its POST.
 */
import type { FastifyInstance } from 'fastify';
import type { SandboxCore } from '../sandbox-state.js';
import { bulkUpdateAmlHitStatus, createReview, listReviews, updateAmlHitStatus } from '../case-service.js';
import { authenticate } from '../http/auth.js';
import { requestOrigin, uuidParam } from '../http/request.js';

export function registerCaseRoutes(app: FastifyInstance, core: SandboxCore): void {
  app.patch('/v3/session/:sessionId/update-aml-hit-status/', async (request) => {
    const caller = authenticate(core, request, 'write:sessions');
    return updateAmlHitStatus(core, caller, uuidParam(request, 'sessionId'), request.body, request.query);
  });

  app.patch('/v3/session/:sessionId/bulk-update-aml-hit-status/', async (request) => {
    const caller = authenticate(core, request, 'write:sessions');
    return bulkUpdateAmlHitStatus(core, caller, uuidParam(request, 'sessionId'), request.body, request.query);
  });

  app.get('/v3/sessions/:sessionId/reviews/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    const origin = requestOrigin(request, core.publicBaseUrl);
    return listReviews(core, caller, uuidParam(request, 'sessionId'), request.query, (limit, offset) => {
      const url = new URL(request.url, origin);
      url.searchParams.set('limit', String(limit));
      url.searchParams.set('offset', String(offset));
      return url.toString();
    });
  });

  app.post('/v3/sessions/:sessionId/reviews/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    return reply.code(201).send(createReview(core, caller, uuidParam(request, 'sessionId'), request.body));
  });
}
