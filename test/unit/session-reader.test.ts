/**
 * Reading payloads as Didit sends them: the documented examples read whole, and a part with an unexpected shape
 * costs that part only, reported with its raw JSON.
 */
import { describe, expect, it } from 'vitest';
import { carrierName, mediaReferences, subjectName } from '../../shared/didit/session.js';
import { NotASessionError, readSession } from '../../shared/didit/session-reader.js';
import { diditFixture as fixture } from '../integration/helpers/basics.js';

describe('readSession', () => {
  it("reads Didit's documented KYC decision whole", () => {
    const { payload, unreadable } = readSession(fixture('kyc-decision.json'));
    expect(unreadable).toEqual([]);
    if (payload.session_kind !== 'user') throw new Error('expected a KYC session');
    expect(payload.id_verifications?.length).toBeGreaterThan(0);
    expect(carrierName(payload.phone_verifications?.[0]?.carrier)).toBeTruthy();
    // The decision names the block poa_verifications; the app reads it under the seed's name.
    expect(payload.proof_of_address?.length).toBeGreaterThan(0);
    expect(payload.nfc_verifications?.length).toBeGreaterThan(0);
    expect(subjectName(payload)).toBeTruthy();
  });

  it("reads Didit's documented KYB decision whole, company name included", () => {
    const { payload, unreadable } = readSession(fixture('kyb-decision.json'));
    expect(unreadable).toEqual([]);
    if (payload.session_kind !== 'business') throw new Error('expected a KYB session');
    expect(subjectName(payload)).toBe('Acme Example SL');
    const officer = payload.key_people_checks?.[0]?.registry?.officers?.[0];
    expect(officer?.roles?.map((r) => r.role)).toEqual(['director', 'shareholder']);
  });

  it('keeps the rest of a session when one part has an unexpected shape', () => {
    const raw = {
      ...fixture('kyc-decision.json'),
      session_number: 'seventy',
      phone_verifications: [{ carrier: 42, full_number: '+34600000000' }],
      email_verifications: 'not a list',
      brand_new_block: [{ anything: true }],
    };
    const { payload, unreadable } = readSession(raw);
    expect(unreadable.map((p) => [p.block, p.index])).toEqual([
      ['session_number', null],
      ['phone_verifications', 0],
      ['email_verifications', null],
    ]);
    expect(unreadable[1].raw).toEqual({ carrier: 42, full_number: '+34600000000' });
    expect(unreadable[1].reason).toMatch(/carrier/);
    if (payload.session_kind !== 'user') throw new Error('expected a KYC session');
    expect(payload.session_number).toBeNull();
    expect(payload.phone_verifications).toEqual([]);
    expect(payload.id_verifications?.length).toBeGreaterThan(0);
    // Unknown fields are kept as they came.
    expect((payload as Record<string, unknown>).brand_new_block).toEqual([{ anything: true }]);
  });

  it('reads singular blocks, nulls and a missing kind', () => {
    const { payload, unreadable } = readSession({
      session_id: 's-1',
      status: 'IN_REVIEW',
      registry_checks: { status: 'In Review', company: { company_name: 'Solo SL' } },
      aml_screenings: null,
    });
    expect(unreadable).toEqual([]);
    expect(payload.session_kind).toBe('business');
    expect(subjectName(payload)).toBe('Solo SL');
    expect(payload.aml_screenings).toEqual([]);
    expect(readSession({ session_id: 's-2', status: 'In Review' }).payload.session_kind).toBe('user');
  });

  it('refuses only what has no session id', () => {
    expect(() => readSession({ status: 'Approved' })).toThrow(NotASessionError);
    expect(() => readSession('nope')).toThrow(NotASessionError);
  });
});

describe('mediaReferences', () => {
  it('finds media at any depth, by field name, with a path locator', () => {
    const refs = mediaReferences({
      session_id: 's',
      id_verifications: [{ front_image: 'https://m.example/a.png', document_number: 'https://not-media' }],
      document_verifications: [
        { groups: [{ group: 'legal_presence', documents: [{ file: 'https://m.example/c.pdf' }] }] },
      ],
      liveness_checks: [{ video_url: null, reference_image: 'javascript:alert(1)' }],
    });
    expect(refs).toEqual([
      {
        path: 'id_verifications[0].front_image',
        locator: 'id_verifications[0].front_image',
        url: 'https://m.example/a.png',
      },
      {
        path: 'document_verifications[0].groups[0].documents[0].file',
        locator: 'document_verifications[0].groups[0].documents[0].file',
        url: 'https://m.example/c.pdf',
      },
      // Not fetched as it stands: the download refuses anything but http(s), and says so in the audit trail.
      {
        path: 'liveness_checks[0].reference_image',
        locator: 'liveness_checks[0].reference_image',
        url: 'javascript:alert(1)',
      },
    ]);
  });

  it('names a block the same whichever name or form Didit sent it under', () => {
    const sent = {
      session_id: 's',
      poa_verifications: [{ document_file: 'https://m.example/p.pdf' }],
      face_match: { source_image: 'https://m.example/f.png' },
    };
    expect(mediaReferences(sent)).toEqual([
      {
        path: 'poa_verifications[0].document_file',
        locator: 'proof_of_address[0].document_file',
        url: 'https://m.example/p.pdf',
      },
      { path: 'face_match.source_image', locator: 'face_matches[0].source_image', url: 'https://m.example/f.png' },
    ]);
    // Once stored, a field holds its locator and counts as a reference already downloaded.
    const stored = { session_id: 's', proof_of_address: [{ document_file: 'proof_of_address[0].document_file' }] };
    expect(mediaReferences(stored)).toEqual([
      { path: 'proof_of_address[0].document_file', locator: 'proof_of_address[0].document_file', url: null },
    ]);
  });
});
