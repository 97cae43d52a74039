import { describe, expect, it } from 'vitest';
import { createReviewerApi, reviewerInputs, type ReviewerMethod } from '../../shared/reviewer-api.js';

// The one ReviewerApi proxy (preload, browser bridge, host bootstrap): a method per contract entry, no parsing.
describe('createReviewerApi', () => {
  it('has exactly one method per reviewerInputs entry and forwards name and input untouched', async () => {
    const calls: [ReviewerMethod, unknown][] = [];
    const api = createReviewerApi(async (method, input) => {
      calls.push([method, input]);
      return { method };
    });
    expect(Object.keys(api).sort()).toEqual(Object.keys(reviewerInputs).sort());
    const malformed = { id: 42 } as unknown as { id: string };
    expect(await api.getSession(malformed)).toEqual({ method: 'getSession' });
    await api.getStatus(undefined as never);
    expect(calls).toEqual([
      ['getSession', { id: 42 }],
      ['getStatus', {}],
    ]);
  });
});
