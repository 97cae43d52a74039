// The renderer's partner registry follows the engine's `partners.changed`, whoever made the change, and never shows
// a listing that a later one overtook (two changes in quick succession, answers arriving out of order).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Partner } from '../../shared/reviewer-api.js';
import { notePartnerEvent, usePartnerStore } from '../../renderer/src/state/partners.js';

function partner(name: string): Partner {
  return {
    id: name,
    name,
    applicationId: crypto.randomUUID(),
    trustReview: false,
    workflows: { user: null, business: null },
    agreementReference: null,
    agreementExpiresOn: null,
    notes: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** listPartners answers the test releases one by one, in any order. */
const answers: ((partners: Partner[]) => void)[] = [];
const listPartners = vi.fn(() => new Promise<Partner[]>((resolve) => answers.push(resolve)));

beforeEach(() => {
  answers.length = 0;
  listPartners.mockClear();
  usePartnerStore.setState({ partners: [], loaded: false, error: null });
  vi.stubGlobal('window', { countersign: { api: { listPartners } } });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Lets the store's awaited answer land. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the partner registry in the renderer', () => {
  it('lists the registry again on partners.changed and on nothing else', async () => {
    notePartnerEvent({ type: 'sessions.changed', sessionIds: [] });
    notePartnerEvent({ type: 'outbox.changed', pending: 0, conflicts: 0, sessionIds: [] });
    expect(listPartners).not.toHaveBeenCalled();

    notePartnerEvent({ type: 'partners.changed' });
    expect(listPartners).toHaveBeenCalledTimes(1);
    answers[0]!([partner('Acme Lending')]);
    await settled();
    expect(usePartnerStore.getState()).toMatchObject({ loaded: true, error: null });
    expect(usePartnerStore.getState().partners.map((p) => p.name)).toEqual(['Acme Lending']);
  });

  it('keeps the latest listing when an earlier answer arrives last', async () => {
    notePartnerEvent({ type: 'partners.changed' });
    notePartnerEvent({ type: 'partners.changed' });
    answers[1]!([partner('Acme Lending SA')]);
    await settled();
    answers[0]!([partner('Acme Lending')]);
    await settled();
    expect(usePartnerStore.getState().partners.map((p) => p.name)).toEqual(['Acme Lending SA']);
  });
});
