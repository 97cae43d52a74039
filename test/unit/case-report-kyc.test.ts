// The case report prints Didit's documented KYC blocks (carrier object, NFC chip, breaches, registry outcomes, IP
// analysis) and lists the parts of a session that could not be read, with their raw JSON.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCaseReport } from '../../electron/core/report/index.js';
import { readSession } from '../../shared/didit/session-reader.js';
import type { SessionDetail } from '../../shared/reviewer-api.js';

const documented = JSON.parse(
  readFileSync(new URL('../fixtures/didit/kyc-decision.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

async function reportText(raw: Record<string, unknown>): Promise<string> {
  const { payload, unreadable } = readSession(raw);
  const detail = {
    row: {
      id: String(raw.session_id),
      connectionId: 'conn-1',
      sessionNumber: 43762,
      kind: 'user',
      status: 'In Review',
      subjectName: 'Carmen Española Española',
      vendorData: 'v-1',
      createdAt: '2024-07-28T06:47:35Z',
      sharedFromSession: null,
      sourceApplicationId: null,
      amlHits: 1,
      riskScore: 85,
      decision: null,
    },
    payload,
    unreadable,
    detailsPending: false,
    media: [],
    importInfo: null,
    decisions: [],
    audit: [],
  } as unknown as SessionDetail;
  const report = await buildCaseReport({ detail, media: () => null });
  const file = join(mkdtempSync(join(tmpdir(), 'report-kyc-')), report.fileName);
  writeFileSync(file, Buffer.from(report.pdfBase64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('case report of a KYC session as Didit documents it', { timeout: 60_000 }, () => {
  it('prints every documented block', async () => {
    const text = await reportText(documented);
    for (const expected of [
      'NFC chip',
      'CSCA SPAIN',
      'T-Mobile (mobile)',
      'Breach: TAPAirPortugal',
      'esp_national_id',
      'Example Hosting / Example Hosting BV',
      'VPN or Tor',
      'Bank statement',
      'Identity card (generic)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('[object Object]');
    for (const constant of ['BANK_STATEMENT', 'ID_CARD_GENERIC']) expect(text).not.toContain(constant);
    expect(text).not.toContain('Parts that could not be read');
  });

  it('lists the parts that could not be read with their raw JSON, and still prints the rest', async () => {
    const text = await reportText({
      ...documented,
      phone_verifications: [{ carrier: 42, full_number: '+15551234567' }],
    });
    expect(text).toContain('Parts that could not be read');
    expect(text).toContain('phone_verifications[0]');
    expect(text).toContain('"carrier": 42');
    expect(text).toContain('CSCA SPAIN');
  });
});
