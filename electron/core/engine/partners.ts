/** The address book of partner applications that share tokens are minted for. */
import { randomUUID } from 'node:crypto';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { Handler } from './state.js';

export const listPartners: Handler<'listPartners'> = async (s) => s.ctx.cache.listPartners();

/** Saving an application already in the book renames it rather than adding a twin. */
export const savePartner: Handler<'savePartner'> = async (s, { name, applicationId }) => {
  const { cache } = s.ctx;
  const existing = cache.listPartners().find((p) => p.applicationId === applicationId);
  const partner = { id: existing?.id ?? randomUUID(), name, applicationId };
  cache.transaction(() => {
    cache.savePartner(partner);
    cache.appendAudit({ type: 'partner.saved', details: { partnerId: partner.id, applicationId } });
  });
  return partner;
};

export const removePartner: Handler<'removePartner'> = async (s, { id }) => {
  const { cache } = s.ctx;
  if (!cache.listPartners().some((p) => p.id === id)) throw new ReviewerError('not_found', 'No such partner.', 'id');
  cache.transaction(() => {
    cache.removePartner(id);
    cache.appendAudit({ type: 'partner.removed', details: { partnerId: id } });
  });
  return { removed: true as const };
};
