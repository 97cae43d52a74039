import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildCaseReport } from '../../electron/core/report/index.js';
import type { SessionDetail } from '../../shared/reviewer-api.js';

function stripedPng(): Buffer {
  const png = new PNG({ width: 120, height: 80 });
  for (let i = 0; i < png.data.length; i += 4) {
    const x = (i / 4) % 120;
    png.data[i] = x < 60 ? 200 : 30;
    png.data[i + 1] = 90;
    png.data[i + 2] = 160;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

const sessionId = '5f1c2a9e-0d3b-4c71-9a55-7e2f8b6d4c10';
const detail: SessionDetail = {
  row: {
    id: sessionId,
    connectionId: 'conn-1',
    sessionNumber: 42,
    kind: 'user',
    status: 'Declined',
    subjectName: 'Lucía Muñoz Šimić',
    vendorData: 'cust-0042',
    createdAt: '2026-11-20T10:00:00Z',
    sharedFromSession: '11111111-2222-4333-8444-555555555555',
    sourceApplicationId: '66666666-7777-4888-9999-000000000000',
    amlHits: 1,
    riskScore: 0.91,
    decision: 'conflict',
    decidedAt: null,
    decidedBy: null,
  },
  payload: {
    session_id: sessionId,
    session_kind: 'user',
    status: 'Declined',
    id_verifications: [
      {
        status: 'Approved',
        full_name: 'Lucía Muñoz Šimić',
        document_type: 'Passport',
        document_number: 'SPEC12345',
        front_image: 'id_verifications[0].front_image',
        warnings: [{ short_description: 'Document close to expiry' }],
      },
    ],
    face_matches: [{ status: 'Declined', score: 41, source_image: 'face_matches[0].source_image' }],
    aml_screenings: [
      {
        entity_type: 'person',
        total_hits: 1,
        hits: [
          {
            id: 'hit-1',
            caption: 'Synthetic Sanctioned Person',
            datasets: ['Sanctions', 'Adverse Media'],
            match_score: 0.88,
            risk_score: 0.91,
            review_status: 'Unreviewed',
            adverse_media_matches: [{ headline: 'Fictional fraud story', source_url: 'https://news.example.com/a' }],
          },
        ],
      },
    ],
  },
  media: [],
  unreadable: [],
  detailsPending: false,
  provenance: null,
  notes: [],
  dispositions: [],
  heldDecisionIds: [],
  fourEyes: { policy: 'off', required: false, shared: true, proposals: [] },
  importInfo: { trustReview: false, sourceApplicationId: '66666666-7777-4888-9999-000000000000', importedAt: null },
  decisions: [
    {
      id: 'd1',
      sessionId,
      newStatus: 'Declined',
      comment: 'Face match too low',
      marker: 'cs:1',
      state: 'conflict',
      attempts: 1,
      lastError: null,
      createdAt: '2026-11-21T09:00:00Z',
      syncedAt: null,
      serverStatus: 'Approved',
      serverComment: 'Approved by the partner desk',
      acknowledgedAt: null,
      fromStatus: 'In Review',
      reasons: [],
      nodesToResubmit: [],
      analyst: { name: 'Ana Ruiz', email: 'ana.ruiz@example.com' },
      retractedAt: null,
    },
  ],
  audit: [
    {
      seq: 7,
      at: '2026-11-21T09:00:00Z',
      type: 'decision.made',
      sessionId,
      connectionId: 'conn-1',
      details: {},
      hash: 'ab'.repeat(32),
      prevHash: 'cd'.repeat(32),
    },
  ],
};

describe('case report PDF', { timeout: 60_000 }, () => {
  it('prints the fields, AML hits, images, the conflict and the audit trail, unicode intact', async () => {
    const image = stripedPng();
    const report = await buildCaseReport({
      detail,
      media: (locator) => (locator.endsWith('_image') ? { contentType: 'image/png', bytes: image } : null),
    });
    expect(report.fileName).toMatch(/^case-report-Lucia-Munoz-Simic-5f1c2a9e\.pdf$/);
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const file = join(dir, report.fileName);
    writeFileSync(file, Buffer.from(report.pdfBase64, 'base64'));

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Case report: Lucía Muñoz Šimić',
      'SPEC12345',
      'Document close to expiry',
      'Synthetic Sanctioned Person',
      'Sanctions, Adverse media',
      'Fictional fraud story',
      'Decision: Declined',
      'not sent: someone else decided first',
      'Approved: Approved by the partner desk',
      'decision.made',
    ]) {
      expect(text).toContain(expected);
    }
    // Two images were embedded (ID front and face-match source).
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(2);
  });
});
