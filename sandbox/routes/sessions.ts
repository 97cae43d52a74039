/**
 * Didit v3 session routes (docs/didit-api.md §3-§8): share, import, decision, list, update-status, delete. The
 * case-management routes (§9, §10) are in case.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KYB_LIST_COUNT_CAP, listQuerySchema } from '../../shared/didit/api.js';
import { canonicalStatus, type KycStatus, type SessionKind } from '../../shared/didit/statuses.js';
import type { SandboxCore } from '../sandbox-state.js';
import { fieldError, notFound, parseOrThrow } from '../errors.js';
import { authenticate } from '../http/auth.js';
import { requestOrigin, uuidParam } from '../http/request.js';
import {
  listCountry,
  listFacts,
  listSearchMatches,
  sessionSummary,
  shortImportAnswer,
  type ListFacts,
  type PayloadContext,
} from '../payload.js';
import { deleteSession, sessionDecision, updateSessionStatus } from '../sessions-service.js';
import { importSharedSession, mintShareToken } from '../share-import.js';
import type { SessionSummaryRow } from '../store/sessions.js';

export function payloadContext(core: SandboxCore, request: FastifyRequest): PayloadContext {
  const origin = requestOrigin(request, core.publicBaseUrl);
  return { mediaUrl: core.media.urlFactory(origin), origin };
}

/** `date_from` inclusive, `date_to` inclusive of its whole day (or up to the instant, when a time is given). */
function createdBounds(dateFrom?: string, dateTo?: string): { createdFrom?: string; createdBefore?: string } {
  const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  return {
    createdFrom: dateFrom === undefined ? undefined : new Date(Date.parse(dateFrom)).toISOString(),
    createdBefore:
      dateTo === undefined ? undefined : new Date(Date.parse(dateTo) + (isDay(dateTo) ? 86_400_000 : 1)).toISOString(),
  };
}

export function registerSessionRoutes(app: FastifyInstance, core: SandboxCore): void {
  app.post('/v3/session/:sessionId/share/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const response = await mintShareToken(core, caller, uuidParam(request, 'sessionId'), request.body);
    return reply.code(201).send(response);
  });

  app.post('/v3/session/import-shared/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    const row = await importSharedSession(core, caller, request.body);
    const answer =
      core.options.importAnswer === 'short'
        ? shortImportAnswer(row)
        : sessionDecision(core, row, payloadContext(core, request), 'import');
    return reply.code(201).send(answer);
  });

  app.get('/v3/session/:sessionId/decision/', async (request) => {
    const caller = authenticate(core, request, 'read:sessions');
    const row = core.sessions.get(uuidParam(request, 'sessionId'), caller.id);
    if (!row) throw notFound('Session not found.');
    return sessionDecision(core, row, payloadContext(core, request));
  });

  /**
   * Paged per kind, as Didit does: `all` is the KYC page and the KYB page for the same limit/offset, KYC first;
   * `count` is their sum and `next`/`previous` follow the KYC side. A KYB count is capped at 100 while `next`
   * still leads on as long as rows remain.
   */
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
    const ctx = payloadContext(core, request);
    const factsOf = (row: SessionSummaryRow): ListFacts =>
      listFacts(row.content_sha256, () => {
        const content = core.sessions.content(row.content_sha256);
        if (!content) throw new Error(`Session ${row.id} has no record`);
        return content;
      });
    const country = query.country?.trim().toUpperCase();
    const search = query.search?.trim();
    const match =
      country || search
        ? (row: SessionSummaryRow) => {
            const facts = factsOf(row);
            if (country && listCountry(row, facts)?.toUpperCase() !== country) return false;
            return !search || listSearchMatches(row, facts, search);
          }
        : undefined;
    const page = (kind: SessionKind) =>
      core.sessions.list({
        applicationId: caller.id,
        kind,
        statuses,
        vendorData: query.vendor_data,
        workflowId: query.workflow_id,
        ...createdBounds(query.date_from, query.date_to),
        match,
        limit: query.limit,
        offset: query.offset,
      });
    const kinds: SessionKind[] = query.session_kind === 'all' ? ['user', 'business'] : [query.session_kind];
    const pages = kinds.map((kind) => ({ kind, ...page(kind) }));
    const shownCount = (p: (typeof pages)[number]) =>
      p.kind === 'business' ? Math.min(p.count, KYB_LIST_COUNT_CAP) : p.count;
    // The links follow the first page listed: KYC for `user` and `all`, KYB for `business`.
    const lead = pages[0];
    const pageUrl = (offset: number) => {
      const url = new URL(request.url, ctx.origin);
      url.searchParams.set('limit', String(query.limit));
      url.searchParams.set('offset', String(offset));
      return url.toString();
    };
    return {
      count: pages.reduce((sum, p) => sum + shownCount(p), 0),
      next: query.offset + query.limit < lead.count ? pageUrl(query.offset + query.limit) : null,
      previous: query.offset > 0 ? pageUrl(Math.max(0, query.offset - query.limit)) : null,
      results: pages.flatMap((p) => p.rows.map((row) => sessionSummary(row, factsOf(row), ctx))),
    };
  });

  app.patch('/v3/session/:sessionId/update-status/', async (request) => {
    const caller = authenticate(core, request, 'write:sessions');
    const id = uuidParam(request, 'sessionId');
    updateSessionStatus(core, caller, id, request.body);
    return { session_id: id };
  });

  app.delete('/v3/session/:sessionId/delete/', async (request, reply) => {
    const caller = authenticate(core, request, 'write:sessions');
    deleteSession(core, caller, uuidParam(request, 'sessionId'));
    return reply.code(204).send();
  });
}
