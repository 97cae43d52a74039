// The comment sent to Didit (reasons, words, marker, attribution) and the one function that keeps the exactly-once
// marker out of everything people read: the timeline's entries are checked here too.
import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { composeSentComment, stripMarker } from '../../shared/decision-text.js';
import type { Decision, SessionDetail } from '../../shared/reviewer-api.js';
import { timelineEntries } from '../../renderer/src/detail/timelineEntries.js';
import en from '../../renderer/src/i18n/en.json';

const MARKER = '[cs:0b6c3c4e-8f7a-4f43-9a53-2f1f6d1e9a10]';
const OTHER_MARKER = '[cs:11111111-2222-4333-8444-555555555555]';

describe('decision text', () => {
  it('composes reasons, steps, words, marker and a closing attribution', () => {
    const sent = composeSentComment({
      comment: 'Photo page expired.',
      reasons: [{ code: 'DOCUMENT_EXPIRED', label: 'Document expired' }],
      nodesToResubmit: ['feature_id_1'],
      analystName: 'Ana Ruiz',
      marker: MARKER,
    });
    expect(sent).toBe(
      `Reasons: Document expired (DOCUMENT_EXPIRED)\nResubmit: feature_id_1\nPhoto page expired.\n${MARKER} — Ana Ruiz via Countersign`,
    );
    expect(stripMarker(sent)).toBe(
      'Reasons: Document expired (DOCUMENT_EXPIRED)\nResubmit: feature_id_1\nPhoto page expired.\n— Ana Ruiz via Countersign',
    );
  });

  it('strips markers anywhere, in the old "comment [cs:…]" form too, and leaves other text alone', () => {
    expect(stripMarker(`Documents consistent. ${MARKER}`)).toBe('Documents consistent.');
    expect(stripMarker(MARKER)).toBe('');
    expect(stripMarker(`a ${MARKER} b ${OTHER_MARKER}`)).toBe('a b');
    expect(stripMarker('[cs:not-a-uuid] kept')).toBe('[cs:not-a-uuid] kept');
    expect(stripMarker(null)).toBeNull();
  });
});

describe('timeline entries', () => {
  it('never show a marker: our decision once (as ours), another workstation’s review stripped, notes named', async () => {
    await i18n.init({ lng: 'en', resources: { en: { translation: en } } });
    const decision: Decision = {
      id: 'd1',
      sessionId: 's1',
      newStatus: 'Declined',
      fromStatus: 'In Review',
      comment: 'Photo page expired.',
      reasons: [{ code: 'DOCUMENT_EXPIRED', label: 'Document expired' }],
      nodesToResubmit: [],
      analyst: { name: 'Ana Ruiz', email: '' },
      marker: MARKER,
      state: 'synced',
      attempts: 1,
      lastError: null,
      createdAt: '2025-01-02T10:00:00.000Z',
      syncedAt: '2025-01-02T10:00:01.000Z',
      serverStatus: null,
      serverComment: null,
      acknowledgedAt: null,
      retractedAt: null,
    };
    const detail = {
      payload: {
        session_kind: 'user',
        session_id: 's1',
        status: 'Declined',
        reviews: [
          {
            user: 'API (Harbor Pay)',
            new_status: 'Declined',
            comment: `x\n${MARKER} — Ana Ruiz via Countersign`,
            created_at: '2025-01-02T10:00:01Z',
          },
          {
            user: 'API (Harbor Pay)',
            new_status: 'Approved',
            comment: `Fine. ${OTHER_MARKER}`,
            created_at: '2025-01-01T09:00:00Z',
          },
        ],
      },
      decisions: [decision],
      notes: [
        {
          id: 'n1',
          sessionId: 's1',
          text: 'Called the customer.',
          analyst: { name: 'Luis Gil', email: '' },
          createdAt: '2025-01-02T11:00:00Z',
        },
      ],
      audit: [
        {
          seq: 1,
          at: '2025-01-02T10:00:00Z',
          type: 'decision.made',
          sessionId: 's1',
          connectionId: 'c',
          details: {},
          hash: '',
          prevHash: '',
        },
        {
          seq: 2,
          at: '2025-01-02T11:00:00Z',
          type: 'note.added',
          sessionId: 's1',
          connectionId: 'c',
          details: {},
          hash: '',
          prevHash: '',
        },
      ],
    } as unknown as SessionDetail;
    const entries = timelineEntries(i18n.t, detail);
    const text = entries.map((e) => `${e.title}\n${e.text ?? ''}`).join('\n');
    expect(text).not.toMatch(/\[cs:/);
    expect(entries.map((e) => e.kind)).toEqual(['review', 'decision', 'note']);
    expect(entries[0].text).toBe('Fine.');
    expect(entries[1].title).toBe('Declined by Ana Ruiz · Synced');
    expect(entries[1].text).toContain('Reasons: Document expired');
    expect(entries[2].title).toBe('Note by Luis Gil (local)');
  });
});
