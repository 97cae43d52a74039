/**
 * The partner registry: the applications we share with and receive from, each with its import defaults
 * (trust_review, off for a new partner as the seed says; a workflow per session kind), the data-sharing agreement on
 * record and notes. Imports preselect a partner's defaults; minting goes to registered partners only. Each change is
 * announced (`partners.changed`) once committed, so every window and API client showing the registry lists it again.
 */
import { randomUUID } from 'node:crypto';
import type { Partner } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { EngineState, Handler } from './state.js';

export const listPartners: Handler<'listPartners'> = async (s) => s.ctx.cache.listPartners();

/** The registry's partner with this application id, if any. */
export function partnerOf(s: EngineState, applicationId: string | null | undefined): Partner | null {
  if (!applicationId) return null;
  return s.ctx.cache.listPartners().find((p) => p.applicationId === applicationId) ?? null;
}

/**
 * With an id, edits that partner; without, updates the partner of this application (fields left out keep their
 * value) or registers a new one (fields left out take their defaults: trust_review off, no agreement).
 */
export const savePartner: Handler<'savePartner'> = async (s, input) => {
  const { cache } = s.ctx;
  const partners = cache.listPartners();
  const byApplication = partners.find((p) => p.applicationId === input.applicationId);
  let existing: Partner | undefined;
  if (input.id !== undefined) {
    existing = partners.find((p) => p.id === input.id);
    if (!existing) throw new ReviewerError('not_found', 'No such partner.', 'id');
    if (byApplication && byApplication.id !== existing.id) {
      throw new ReviewerError(
        'validation',
        `Application ${input.applicationId} is already registered as "${byApplication.name}".`,
        'applicationId',
      );
    }
  } else {
    existing = byApplication;
  }
  const now = new Date().toISOString();
  const partner: Partner = {
    id: existing?.id ?? randomUUID(),
    name: input.name,
    applicationId: input.applicationId,
    trustReview: input.trustReview ?? existing?.trustReview ?? false,
    workflows: input.workflows ?? existing?.workflows ?? { user: null, business: null },
    agreementReference:
      input.agreementReference !== undefined
        ? input.agreementReference || null
        : (existing?.agreementReference ?? null),
    agreementExpiresOn:
      input.agreementExpiresOn !== undefined ? input.agreementExpiresOn : (existing?.agreementExpiresOn ?? null),
    notes: input.notes ?? existing?.notes ?? '',
    createdAt: existing?.createdAt || now,
    updatedAt: now,
  };
  cache.transaction(() => {
    cache.savePartner(partner);
    cache.appendAudit({
      type: existing ? 'partner.updated' : 'partner.saved',
      details: {
        partnerId: partner.id,
        applicationId: partner.applicationId,
        trustReview: partner.trustReview,
        workflows: partner.workflows,
        agreementReference: partner.agreementReference,
        agreementExpiresOn: partner.agreementExpiresOn,
      },
    });
  });
  s.ctx.events.emit({ type: 'partners.changed' });
  return partner;
};

export const removePartner: Handler<'removePartner'> = async (s, { id }) => {
  const { cache } = s.ctx;
  const partner = cache.listPartners().find((p) => p.id === id);
  if (!partner) throw new ReviewerError('not_found', 'No such partner.', 'id');
  cache.transaction(() => {
    cache.removePartner(id);
    cache.appendAudit({ type: 'partner.removed', details: { partnerId: id, applicationId: partner.applicationId } });
  });
  s.ctx.events.emit({ type: 'partners.changed' });
  return { removed: true as const };
};

/**
 * Imports that arrived by sync (another client of the same application made them) get their source application
 * when one of this profile's connections holds the original, so the queue's partner filter and the case header name
 * the partner. Runs at start, shortly after sessions change and after each sync pass (the originals may arrive
 * last); announces the sessions it attributed.
 */
export function watchImportAttribution(s: EngineState): void {
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    timer = null;
    if (s.ctx.signal.aborted) return;
    try {
      const ids = s.ctx.cache.attributeImports();
      if (ids.length > 0) s.ctx.events.emit({ type: 'sessions.changed', sessionIds: ids });
    } catch {
      // The cache is closing or busy: the next change tries again.
    }
  };
  // Either side may arrive last: an import (sessions.changed) or, at the end of an issuer's pass, the originals it
  // lists, which change no session and so announce none.
  s.ctx.events.on((event) => {
    const passEnded = event.type === 'sync.progress' && !event.progress.running;
    if ((event.type !== 'sessions.changed' && !passEnded) || timer !== null || s.ctx.signal.aborted) return;
    timer = setTimeout(run, 300);
    timer.unref();
  });
  s.ctx.signal.addEventListener('abort', () => {
    if (timer !== null) clearTimeout(timer);
  });
  run();
}
