import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSession } from '../../shared/didit/session-reader.js';
import {
  kycSessionSchema,
  KYC_FEATURE_ARRAYS,
  mediaReferences,
  sessionPayloadSchema,
  subjectName,
} from '../../shared/didit/session.js';
import { KYC_STATUSES } from '../../shared/didit/statuses.js';
import {
  CHIP_DOCUMENTS_FROM,
  createRng,
  previewPayload,
  SCORE_THRESHOLDS,
  syntheticSession,
  type SyntheticFlag,
  type SyntheticSession,
} from '../../sandbox/synthetic/index.js';

const kyc = (status: string, seed: number, flags?: SyntheticFlag[]) =>
  syntheticSession({ kind: 'user', status, rng: createRng(seed), flags });
type Item = { status: string; warnings: { log_type: string; risk: string }[] } & Record<string, unknown>;
const items = (s: SyntheticSession): Item[] => Object.values(s.features).flat() as Item[];
const first = (s: SyntheticSession, array: string) => s.features[array][0] as Record<string, unknown>;

/** Didit's documented KYC decision (test/fixtures/didit/README.md): the shapes the generator must send. */
const documented = JSON.parse(
  readFileSync(new URL('../fixtures/didit/kyc-decision.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
/** The documented decision's key for a synthetic block (the seed's `proof_of_address` is `poa_verifications`). */
const documentedKey = (array: string) => (array === 'proof_of_address' ? 'poa_verifications' : array);

// ICAO 9303 check digit, written independently of the generator's.
function icaoCheck(field: string): string {
  const value = (c: string) => (c === '<' ? 0 : c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55);
  return String([...field].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

describe('synthetic KYC sessions', () => {
  it.each(KYC_STATUSES)('a %s session parses as a decision payload with every feature array filled', (status) => {
    const session = kyc(status, 101);
    expect(session.kind).toBe('user');
    expect(session.status).toBe(status);
    const payload = sessionPayloadSchema.parse(previewPayload(session));
    expect(payload.session_kind).toBe('user');
    for (const array of KYC_FEATURE_ARRAYS) {
      expect(session.features[array], array).toBeInstanceOf(Array);
      // NFC only when the document carries a chip (see the NFC test).
      if (array !== 'nfc_verifications') expect(session.features[array].length, array).toBeGreaterThan(0);
    }
    expect(readSession(previewPayload(session)).unreadable).toEqual([]);
    expect(subjectName(payload)).toBe(first(session, 'id_verifications').full_name);
  });

  it('every media reference points at media the session carries, and every medium is referenced', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const session = kyc(['Approved', 'Declined', 'In Review'][seed % 3], seed);
      const payload = kycSessionSchema.parse(previewPayload(session, {}, (key) => `https://media.test/${key}`));
      const keys = mediaReferences(payload).map((r) => String(r.url).replace('https://media.test/', ''));
      expect(keys.length).toBeGreaterThanOrEqual(7);
      for (const key of keys) expect(session.media[key], key).toBeDefined();
      expect(new Set(keys)).toEqual(new Set(Object.keys(session.media)));
    }
  });

  it("sends every field of Didit's documented example in every block", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const session = kyc(['Approved', 'Declined', 'In Review'][seed % 3], seed);
      for (const array of KYC_FEATURE_ARRAYS) {
        const example = (documented[documentedKey(array)] as Record<string, unknown>[])[0];
        for (const item of session.features[array] as Record<string, unknown>[]) {
          const missing = Object.keys(example).filter((field) => !(field in item));
          expect(missing, `${array} (seed ${seed})`).toEqual([]);
        }
      }
      const header = new Set(session.featureNames);
      expect(header.has('NFC')).toBe(session.features.nfc_verifications.length > 0);
      expect(header.has('POA')).toBe(true);
    }
  });

  it('reads the chip of identity cards issued since chips are mandatory, and only those', () => {
    let chips = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const session = kyc('Approved', seed);
      const id = first(session, 'id_verifications');
      const nfc = session.features.nfc_verifications as Record<string, Record<string, unknown>>[];
      const chip = id.document_type === 'Identity Card' && (id.date_of_issue as string) >= CHIP_DOCUMENTS_FROM;
      expect(nfc.length, `seed ${seed}`).toBe(chip ? 1 : 0);
      if (!chip) continue;
      chips++;
      const [read] = nfc;
      expect(read.status).toBe('Approved');
      expect(read.portrait_image).toBe(id.portrait_image);
      expect(read.chip_data).toMatchObject({
        issuing_country: id.issuing_state,
        document_number: id.document_number,
        expiration_date: id.expiration_date,
        first_name: id.first_name,
        last_name: id.last_name,
        birth_date: id.date_of_birth,
      });
      expect(read.authenticity).toEqual({ sod_integrity: true, dg_integrity: true });
      expect(read.certificate_summary.issuer).toEqual(expect.any(String));
    }
    expect(chips).toBeGreaterThan(0);
    expect(chips).toBeLessThan(30);
  });

  it('sends phone, email, database validation and IP analysis in their documented shapes', () => {
    const clean = kyc('Approved', 5);
    const phone = first(clean, 'phone_verifications');
    expect(phone.carrier).toEqual({ name: expect.any(String), type: 'mobile' });
    expect(phone.full_number).toBe(`${phone.phone_number_prefix}${phone.phone_number}`);
    expect(phone.country_name).toEqual(expect.any(String));
    expect(['sms', 'whatsapp', 'call']).toContain(phone.verification_method);
    expect(phone.verified_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first(clean, 'email_verifications')).toMatchObject({ is_breached: false, breaches: [] });

    const risky = kyc('In Review', 5, ['risky_phone', 'risky_email', 'risky_ip', 'database_mismatch']);
    expect(first(risky, 'phone_verifications').carrier).toEqual({ name: expect.any(String), type: 'voip' });
    const email = first(risky, 'email_verifications');
    expect(email.is_breached).toBe(true);
    const breaches = email.breaches as Record<string, unknown>[];
    expect(breaches.length).toBeGreaterThan(0);
    for (const b of breaches) {
      expect(b.domain).toMatch(/\.example\.(com|org|net)$/);
      expect(b.breach_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((b.data_classes as string[]).length).toBeGreaterThan(0);
    }
    const db = first(risky, 'database_validations');
    expect(db).toMatchObject({ match_type: 'partial_match', validation_type: 'one_by_one' });
    const [service] = db.validations as Record<string, unknown>[];
    expect(service).toMatchObject({ outcome_code: 'PARTIAL_MATCH', service_id: expect.any(String) });
    expect(service.validation).toMatchObject({ full_name: 'full_match', date_of_birth: 'no_match' });
    const ip = first(risky, 'ip_analyses');
    expect(ip).toMatchObject({ is_vpn_or_tor: true, ip_country_code: 'NL', time_zone: 'Europe/Amsterdam' });
    expect(ip.isp).toEqual(expect.any(String));
    expect((ip.ip as { distance_from_id_document: number }).distance_from_id_document).toBeGreaterThanOrEqual(0);
    expect((ip.warnings as { risk: string }[]).map((w) => w.risk)).toEqual(['PRIVATE_NETWORK_DETECTED']);
  });

  it('fills the section 3 fields plausibly', () => {
    const session = kyc('Approved', 7);
    const id = first(session, 'id_verifications');
    expect(id.issuing_state).toMatch(/^[A-Z]{3}$/);
    expect(id.issuing_state_name).toEqual(expect.any(String));
    expect(id.full_name).toBe(`${id.first_name} ${id.last_name}`);
    expect(id.date_of_birth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(id.age).toBeGreaterThanOrEqual(18);
    expect(['M', 'F']).toContain(id.gender);
    expect(Date.parse(id.expiration_date as string)).toBeGreaterThan(Date.parse(id.date_of_issue as string));
    const liveness = first(session, 'liveness_checks');
    expect(['PASSIVE', 'ACTIVE_3D', 'FLASHING']).toContain(liveness.method);
    expect(liveness.reference_image).toMatch(/^media:/);
    const face = first(session, 'face_matches');
    expect(face.source_image).toBe(liveness.reference_image);
    expect(face.target_image).toBe(id.portrait_image);
    expect(first(session, 'email_verifications').email).toMatch(/@(example\.(com|org|net)|tempmail\.example)$/);
    expect(first(session, 'ip_analyses').ip_address).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
    expect(first(session, 'phone_verifications').full_number).toMatch(/^\+\d{8,15}$/);
    const poa = first(session, 'proof_of_address');
    expect(poa.poa_address).toBe(id.address);
    expect(poa.poa_formatted_address).toBe(id.address);
    expect(['UTILITY_BILL', 'BANK_STATEMENT', 'GOVERNMENT_ISSUED_DOCUMENT']).toContain(poa.document_type);
    expect(poa.issuing_state).toMatch(/^[A-Z]{3}$/);
    expect(first(session, 'face_matches').source_image_session_id).toBeNull();
    expect(['ID_CARD_GENERIC', 'RESIDENCE_PERMIT_GENERIC']).toContain(id.document_subtype);
  });

  it('writes a TD1 MRZ whose check digits and names agree with the printed fields', () => {
    for (let seed = 20; seed < 30; seed++) {
      const id = first(kyc('Approved', seed), 'id_verifications');
      const [l1, l2, l3] = (id.mrz as { lines: string[] }).lines;
      for (const line of [l1, l2, l3]) expect(line).toMatch(/^[A-Z0-9<]{30}$/);
      expect(l1.slice(2, 5)).toBe(id.issuing_state);
      expect(l1.slice(5, 14)).toBe(id.document_number);
      expect(l1[14]).toBe(icaoCheck(l1.slice(5, 14)));
      const dob = (id.date_of_birth as string).replace(/-/g, '').slice(2);
      expect(l2.slice(0, 6)).toBe(dob);
      expect(l2[6]).toBe(icaoCheck(dob));
      expect(l2[7]).toBe(id.gender);
      expect(l2[14]).toBe(icaoCheck(l2.slice(8, 14)));
      expect(l2[29]).toBe(icaoCheck(l1.slice(5) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29)));
      expect(l3.startsWith(`${(id.mrz as { surname: string }).surname.replace(/ /g, '<')}<<`)).toBe(true);
    }
  });

  it('keeps feature statuses consistent with the session status', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const approved = items(kyc('Approved', seed));
      expect(approved.every((i) => i.status === 'Approved')).toBe(true);
      expect(approved.flatMap((i) => i.warnings).every((w) => w.log_type === 'information')).toBe(true);

      const declined = items(kyc('Declined', seed));
      const declining = declined.filter((i) => i.status === 'Declined');
      expect(declining.length).toBeGreaterThan(0);
      for (const item of declining) expect(item.warnings.some((w) => w.log_type === 'error')).toBe(true);

      const review = items(kyc('In Review', seed));
      expect(review.some((i) => i.status === 'Declined')).toBe(false);
      const flagged = review.filter((i) => i.status === 'In Review');
      expect(flagged.length).toBeGreaterThan(0);
      for (const item of flagged) expect(item.warnings.some((w) => w.log_type === 'warning')).toBe(true);

      expect(items(kyc('In Progress', seed)).every((i) => i.status === 'Not Finished')).toBe(true);
    }
  });

  it('puts face match and liveness scores under the thresholds their flags call for', () => {
    const declined = kyc('Declined', 3, ['face_mismatch', 'low_liveness']);
    expect(first(declined, 'face_matches').score).toBeLessThan(SCORE_THRESHOLDS.faceMatch.decline);
    expect(first(declined, 'face_matches').status).toBe('Declined');
    const live = first(declined, 'liveness_checks');
    expect(live.status).toBe('In Review');
    expect(live.score).toBeGreaterThanOrEqual(SCORE_THRESHOLDS.liveness.decline);
    expect(live.score).toBeLessThan(SCORE_THRESHOLDS.liveness.review);
    // Someone else took the selfie: it is not the portrait's face.
    expect(declined.media.selfie.bytes).not.toEqual(kyc('Declined', 3, ['low_liveness']).media.selfie.bytes);

    const approved = kyc('Approved', 3);
    expect(first(approved, 'face_matches').score).toBeGreaterThanOrEqual(SCORE_THRESHOLDS.faceMatch.review);
    expect(first(approved, 'liveness_checks').score).toBeGreaterThanOrEqual(SCORE_THRESHOLDS.liveness.review);
  });

  it('produces AML hits from every dataset with the detail blocks of each', () => {
    const session = kyc('Declined', 9, ['aml_sanctions', 'aml_pep', 'aml_adverse_media']);
    const aml = first(session, 'aml_screenings') as {
      entity_type: string;
      total_hits: number;
      score: number;
      hits: Record<string, unknown>[];
    };
    expect(aml.entity_type).toBe('person');
    expect(aml.total_hits).toBe(aml.hits.length);
    const byDataset = (d: string) => aml.hits.filter((h) => (h.datasets as string[]).includes(d));
    const sanction = byDataset('Sanctions')[0];
    expect(sanction.review_status).toBe('Confirmed Match');
    expect((sanction.sanction_matches as unknown[]).length).toBeGreaterThan(0);
    expect((byDataset('PEP')[0].pep_matches as unknown[]).length).toBeGreaterThan(0);
    const media = byDataset('Adverse Media').flatMap((h) => h.adverse_media_matches as Record<string, unknown>[]);
    expect(media.length).toBeGreaterThan(0);
    for (const m of media) {
      expect(new URL(m.source_url as string).hostname).toMatch(/(^|\.)example\.(com|org|net)$/);
      expect(m.sentiment_score).toBeLessThan(0);
      expect(m.headline).toEqual(expect.any(String));
    }
    expect((aml as unknown as { screened_data: { nationality: string } }).screened_data.nationality).toMatch(
      /^[A-Z]{2}$/,
    );
    for (const hit of aml.hits) {
      expect(hit.id).toEqual(expect.any(String));
      expect(hit.warning_matches).toEqual([]);
      expect(hit.match_score).toEqual(expect.any(Number));
      expect(hit.first_seen).toEqual(expect.any(String));
      expect(hit.last_seen).toEqual(expect.any(String));
    }
    expect(aml.score).toBe(Math.max(...aml.hits.map((h) => h.risk_score as number)));

    const cleared = first(kyc('Approved', 9, ['aml_pep']), 'aml_screenings') as typeof aml;
    expect(cleared.hits.map((h) => h.review_status)).toEqual(['False Positive']);
    expect(cleared.score).toBe(0);
  });

  it('is deterministic for a seed and varies across seeds', () => {
    expect(kyc('In Review', 42)).toEqual(kyc('In Review', 42));
    expect(kyc('In Review', 43)).not.toEqual(kyc('In Review', 42));
    expect(kyc('In Review', 43).media['id-front'].bytes).not.toEqual(kyc('In Review', 42).media['id-front'].bytes);
  });

  it('uses non-ASCII names and places', () => {
    const texts = Array.from({ length: 40 }, (_, seed) => {
      const id = first(kyc('Approved', seed), 'id_verifications');
      return `${id.full_name} ${id.place_of_birth} ${id.address}`;
    }).join(' ');
    // eslint-disable-next-line no-control-regex
    expect(texts).toMatch(/[^\x00-\x7f]/);
    expect(texts).toMatch(/\p{Script=Han}|[ÆØÅæøåŠšŁłÞþÐð]/u);
  });

  it('rejects a status the kind does not have with a readable error', () => {
    expect(() => kyc('Finished', 1)).toThrow(/not a status of user sessions/);
    expect(() => syntheticSession({ kind: 'business', status: 'Kyc Expired', rng: createRng(1) })).toThrow(/business/);
    expect(kyc('IN_REVIEW', 1).status).toBe('In Review');
  });
});
