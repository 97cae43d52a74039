/** The address book of partner applications that share tokens are minted for. */
import { randomUUID } from 'node:crypto';
import { type ReviewerOutputs } from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import type { EngineState, Parsed } from './engine-state.js';

/** Saving an application already in the book renames it rather than adding a twin. */
export function savePartner(
  s: EngineState,
  { name, applicationId }: Parsed<'savePartner'>,
): ReviewerOutputs['savePartner'] {
  const { cache } = s.ctx;
  const existing = cache.listPartners().find((p) => p.applicationId === applicationId);
  const partner = { id: existing?.id ?? randomUUID(), name, applicationId };
  cache.transaction(() => {
    cache.savePartner(partner);
    cache.appendAudit({ type: 'partner.saved', details: { partnerId: partner.id, applicationId } });
  });
  return partner;
}

export function removePartner(s: EngineState, { id }: Parsed<'removePartner'>): ReviewerOutputs['removePartner'] {
  const { cache } = s.ctx;
  if (!cache.listPartners().some((p) => p.id === id)) throw new ReviewerError('not_found', 'No such partner.', 'id');
  cache.transaction(() => {
    cache.removePartner(id);
    cache.appendAudit({ type: 'partner.removed', details: { partnerId: id } });
  });
  return { removed: true as const };
}
