/** The sandbox's delivery body is Didit's documented one (docs/didit-api.md §11). */
import { describe, expect, it } from 'vitest';
import { deliveryBody } from '../../sandbox/webhook-dispatcher.js';

const base = { event_id: 'evt-1', webhook_type: 'status.updated', session_id: 's-1', created_at: 1_700_000_000 };

describe('deliveryBody', () => {
  it('leaves out vendor_data, workflow_id, metadata and session_kind of a KYC session when they are not set', () => {
    const body = deliveryBody(
      { ...base, status: 'In Progress', session_kind: 'user', vendor_data: null, workflow_id: null, metadata: null },
      1_700_000_005,
    );
    expect(body).toEqual({
      session_id: 's-1',
      status: 'In Progress',
      webhook_type: 'status.updated',
      timestamp: 1_700_000_005,
      created_at: 1_700_000_000,
      event_id: 'evt-1',
    });
  });

  it('carries the decision only for Approved, Declined, In Review and Abandoned (either casing)', () => {
    const decision = { session_id: 's-1', metadata: { a: 1 } };
    for (const status of ['Approved', 'Declined', 'In Review', 'Abandoned', 'IN_REVIEW', 'APPROVED']) {
      expect(deliveryBody({ ...base, status, decision }, 1).decision, status).toEqual(decision);
    }
    for (const status of ['Not Started', 'In Progress', 'Resubmitted', 'Expired', 'AWAITING_USER']) {
      expect(deliveryBody({ ...base, status, decision }, 1), status).not.toHaveProperty('decision');
    }
    // Metadata set on the session travels even when the event does not name it.
    expect(deliveryBody({ ...base, status: 'In Progress', decision }, 1).metadata).toEqual({ a: 1 });
  });

  it('adds session_kind "business" and business_session_id for KYB, with the set fields', () => {
    const body = deliveryBody(
      { ...base, status: 'APPROVED', session_kind: 'business', vendor_data: 'biz', workflow_id: 'wf' },
      2,
    );
    expect(body).toMatchObject({
      session_kind: 'business',
      business_session_id: 's-1',
      vendor_data: 'biz',
      workflow_id: 'wf',
      timestamp: 2,
    });
  });
});
