// The case report read back the way an auditor gets it: pdftotext for the words, pdftoppm for the pages, pdffonts
// and pdfimages for what is embedded. Three cases: a KYC with sanctions hits (English and Spanish), a KYB whose
// beneficial owner holds through two paths, and a Japanese company with Greek, Cyrillic and Arabic owners.
// CASE_REPORT_OUT=<dir> keeps the PDFs and page images for a look.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildCaseReport, type CaseReportInput } from '../../electron/core/report/index.js';
import { defaultFontsDir, FONT_FILES } from '../../electron/core/report/fonts.js';
import { REPORT_STRINGS } from '../../electron/core/report/strings.js';
import type { SessionDetail } from '../../shared/reviewer-api.js';

const OUT = process.env.CASE_REPORT_OUT ?? mkdtempSync(join(tmpdir(), 'case-report-'));
mkdirSync(OUT, { recursive: true });

interface ReadBack {
  file: string;
  bytes: number;
  text: string;
  pages: string[];
  fonts: string;
  images: number;
}

async function readBack(name: string, input: CaseReportInput): Promise<ReadBack> {
  const report = await buildCaseReport({ generatedAt: new Date('2026-12-01T09:30:00Z'), ...input });
  const file = join(OUT, `${name}.pdf`);
  const bytes = Buffer.from(report.pdfBase64, 'base64');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '60', '-png', file, join(OUT, name)]);
  const pages = readdirSync(OUT)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(OUT, f));
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length - 2;
  return { file, bytes: bytes.length, text, pages, fonts, images };
}

/** Share of a rendered page that is not white: a blank or nearly blank page is a layout bug. */
function ink(png: string): number {
  const image = PNG.sync.read(readFileSync(png));
  let dark = 0;
  for (let i = 0; i < image.data.length; i += 4)
    if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 600) dark++;
  return dark / (image.width * image.height);
}

function png(width: number, height: number, hue: number): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) {
    const x = (i / 4) % width;
    image.data[i] = hue;
    image.data[i + 1] = x < width / 2 ? 80 : 180;
    image.data[i + 2] = 160;
    image.data[i + 3] = 255;
  }
  return PNG.sync.write(image);
}

const sessionId = '5f1c2a9e-0d3b-4c71-9a55-7e2f8b6d4c10';
const workflowId = '0a6c2d61-1f7e-4b8a-9d3c-2e5f6a7b8c9d';
const partnerApp = '66666666-7777-4888-9999-000000000000';
const analyst = { name: 'Ana Ruiz', email: 'ana.ruiz@harbor.example' };

function row(over: Record<string, unknown>) {
  return {
    id: sessionId,
    connectionId: 'conn-1',
    sessionNumber: 4812,
    kind: 'user',
    status: 'In Review',
    subjectName: 'Lucía Muñoz Šimić',
    vendorData: 'cust-0042',
    createdAt: '2026-11-20T10:00:00Z',
    sharedFromSession: '11111111-2222-4333-8444-555555555555',
    sourceApplicationId: partnerApp,
    amlHits: 2,
    riskScore: 95,
    decision: 'queued',
    ...over,
  };
}

const kycDetail = {
  row: row({}),
  payload: {
    session_id: sessionId,
    session_kind: 'user',
    status: 'In Review',
    workflow_id: workflowId,
    id_verifications: [
      {
        status: 'Approved',
        full_name: 'Lucía Muñoz Šimić',
        document_type: 'PASSPORT',
        document_number: 'SPEC12345',
        date_of_birth: '1988-04-02',
        expiration_date: '2027-01-15',
        front_image: 'id_verifications[0].front_image',
        back_image: 'id_verifications[0].back_image',
        portrait_image: 'id_verifications[0].portrait_image',
        warnings: [
          { risk: 'DOCUMENT_EXPIRES_SOON', short_description: 'Document close to expiry', log_type: 'warning' },
        ],
      },
    ],
    liveness_checks: [
      { status: 'Approved', method: 'ACTIVE_3D', score: 93, reference_image: 'liveness_checks[0].reference_image' },
    ],
    face_matches: [
      {
        status: 'Declined',
        score: 41,
        source_image: 'face_matches[0].source_image',
        target_image: 'face_matches[0].target_image',
      },
    ],
    database_validations: [{ status: 'In Review', match_type: 'partial_match', validation_type: 'one_by_one' }],
    ip_analyses: [{ status: 'In Review', ip_address: '203.0.113.7', is_vpn_or_tor: true }],
    aml_screenings: [
      {
        entity_type: 'person',
        total_hits: 2,
        score: 95,
        hits: [
          {
            id: 'hit_abc1234567',
            caption: 'Lucia Munoz Simic',
            datasets: ['Sanctions'],
            match_score: 97,
            risk_score: 95,
            review_status: 'Unreviewed',
            sanction_matches: [
              {
                list_name: 'Example Consolidated Sanctions List',
                authority: 'Sandbox Office of Sanctions (fictional)',
                program: 'SPECIMEN-FIN-2024',
                listed_on: '2024-03-18',
                reason: 'Synthetic listing for demonstration.',
              },
            ],
            first_seen: '2024-03-18T00:00:00Z',
            last_seen: '2026-11-01T00:00:00Z',
          },
          {
            id: 'hit_xyz7654321',
            caption: 'Alexis Munoz Simic',
            datasets: ['Sanctions', 'Adverse Media'],
            match_score: 81,
            risk_score: 90,
            review_status: 'Unreviewed',
            sanction_matches: [
              { list_name: 'Example Consolidated Sanctions List', program: 'EX-TERR-2019', listed_on: '2019-07-04' },
            ],
            adverse_media_matches: [
              {
                headline: 'Fictional fraud story',
                summary: 'An invented article.',
                source_url: 'https://news.example.com/a',
              },
            ],
          },
        ],
      },
    ],
  },
  media: [],
  unreadable: [],
  detailsPending: false,
  importInfo: { trustReview: false, sourceApplicationId: partnerApp, importedAt: '2026-11-20T10:05:00Z' },
  provenance: { partner: { id: 'p1', name: 'Northwind Bank' }, originalStatus: 'In Review', importedBy: 'ana' },
  decisions: [
    {
      id: 'd1',
      sessionId,
      newStatus: 'Declined',
      fromStatus: 'In Review',
      comment: 'Confirmed sanctions match; face match too low.',
      reasons: [{ code: 'AML_MATCH', label: 'Confirmed sanctions / PEP / AML match' }],
      nodesToResubmit: [],
      analyst,
      marker: 'cs:1',
      state: 'queued',
      attempts: 0,
      lastError: null,
      createdAt: '2026-11-21T09:00:00Z',
      syncedAt: null,
      serverStatus: null,
      serverComment: null,
      acknowledgedAt: null,
      retractedAt: null,
    },
  ],
  dispositions: [
    {
      id: 'x1',
      sessionId,
      hitId: 'hit_abc1234567',
      reviewStatus: 'Confirmed Match',
      rationale: 'Same passport number and date of birth as the listing.',
      analyst: 'Ana Ruiz',
      state: 'synced',
      createdAt: '2026-11-21T08:50:00Z',
    },
    {
      id: 'x2',
      sessionId,
      hitId: 'hit_xyz7654321',
      reviewStatus: 'False Positive',
      rationale: 'Different first name and nationality.',
      analyst: 'Ana Ruiz',
      state: 'queued',
      createdAt: '2026-11-21T08:55:00Z',
    },
  ],
  notes: [],
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
      actor: 'Ana Ruiz',
    },
  ],
} as unknown as SessionDetail;

const images = new Map<string, Buffer>([
  ['id_verifications[0].front_image', png(640, 400, 200)],
  ['id_verifications[0].back_image', png(640, 400, 120)],
  ['id_verifications[0].portrait_image', png(300, 400, 60)],
  ['liveness_checks[0].reference_image', png(480, 640, 30)],
  ['face_matches[0].source_image', png(300, 400, 90)],
  ['face_matches[0].target_image', png(480, 640, 150)],
]);
const media: CaseReportInput['media'] = (locator) => {
  const bytes = images.get(locator);
  return bytes ? { contentType: 'image/png', bytes } : null;
};
const names = { workflow: 'Retail onboarding (KYC)', connection: 'Harbor Pay', partner: null };

/** Text above the final Identifiers section, where ids must not stand in for names. */
const body = (text: string, heading: string) => text.slice(0, text.lastIndexOf(heading));

describe('case report read back: KYC with sanctions hits', { timeout: 60_000 }, () => {
  it('prints checks against thresholds, hits with list, program, listing date and disposition, and the sign-off', async () => {
    const r = await readBack('kyc-sanctions-en', { detail: kycDetail, media, names, language: 'en' });
    const flat = r.text.replace(/\s+/g, ' ');
    for (const expected of [
      'Case report: Lucía Muñoz Šimić',
      'KYC session 4812 · In review',
      'Check summary',
      'Face match',
      '41 (threshold 70)',
      'below the threshold of 70',
      'VPN or Tor',
      'Document close to expiry',
      'Active 3D',
      'Partial match',
      'One by one',
      'Passport',
      'Example Consolidated Sanctions List',
      'SPECIMEN-FIN-2024',
      '18 Mar 2024',
      'EX-TERR-2019',
      '4 Jul 2019',
      'Confirmed match, by Ana Ruiz on 21 Nov 2026, 08:50 UTC',
      'False positive, by Ana Ruiz',
      'Same passport number and date of birth as the listing.',
      'Decision: Declined',
      'Decided by Ana Ruiz <ana.ruiz@harbor.example>',
      'waiting to be sent',
      'Confirmed sanctions / PEP / AML match',
      'Northwind Bank',
      'Retail onboarding (KYC)',
      'Harbor Pay',
      'decision.made',
    ]) {
      expect(flat).toContain(expected);
    }
    for (const constant of [
      'IN_REVIEW',
      'ACTIVE_3D',
      'partial_match',
      'one_by_one',
      'PASSPORT',
      'DOCUMENT_EXPIRES_SOON',
    ])
      expect(flat).not.toContain(constant);
    const main = body(flat, 'Identifiers');
    for (const id of [workflowId, partnerApp, '11111111-2222-4333-8444-555555555555']) {
      expect(main).not.toContain(id);
      expect(flat).toContain(id);
    }
    // Six images embedded, every page carries ink, none is crowded onto one row (three per row at most).
    expect(r.images).toBe(6);
    expect(r.pages.length).toBeGreaterThanOrEqual(2);
    for (const page of r.pages) expect(ink(page)).toBeGreaterThan(0.005);
  });

  it('speaks Spanish when the app does', async () => {
    const r = await readBack('kyc-sanctions-es', { detail: kycDetail, media, names, language: 'es' });
    const flat = r.text.replace(/\s+/g, ' ');
    for (const expected of [
      'Informe del caso: Lucía Muñoz Šimić',
      'Sesión KYC 4812 · En revisión',
      'Resumen de comprobaciones',
      '41 (umbral 70)',
      'Coincidencia parcial',
      'Activa 3D',
      'Pasaporte',
      'Lista de sanciones',
      'Programa',
      'Incluido el',
      '18 mar 2024',
      'Coincidencia confirmada, por Ana Ruiz',
      'Falso positivo',
      'Decisión y firma',
      'Decidida por Ana Ruiz',
      'pendiente de envío',
      'Registro de auditoría',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('Check summary');
  });

  it('keeps both language tables complete', () => {
    expect(Object.keys(REPORT_STRINGS.es).sort()).toEqual(Object.keys(REPORT_STRINGS.en).sort());
    for (const table of Object.values(REPORT_STRINGS)) for (const v of Object.values(table)) expect(v).not.toBe('');
  });
});

const kybId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
function company(name: string, reg: string, country: string, parties: unknown[], warnings: unknown[] = []) {
  return {
    registry: {
      status: 'Approved',
      company: { company_name: name, registration_number: reg, country_code: country, company_type: 'PRIVATE_LIMITED' },
      warnings,
    },
    people: { status: 'Approved', submitted: { parties } },
  };
}
const shareholder = (name: string, pct: number, extra: Record<string, unknown> = {}) => ({
  name,
  entity_type: 'person',
  roles: [{ role: 'shareholder', ownership_percent: pct }],
  source: 'REGISTRY',
  ...extra,
});
const corporate = (name: string, reg: string, pct: number) => ({
  name,
  company_name: name,
  registration_number: reg,
  entity_type: 'company',
  roles: [{ role: 'shareholder', ownership_percent: pct }],
  source: 'REGISTRY',
});

function kybDetail(companies: Array<Record<string, unknown>>, subject: string, extra: Record<string, unknown> = {}) {
  return {
    row: row({
      id: kybId,
      kind: 'business',
      status: 'IN_REVIEW',
      subjectName: subject,
      sessionNumber: 7781,
      amlHits: 0,
      decision: null,
    }),
    payload: {
      session_id: kybId,
      session_kind: 'business',
      status: 'IN_REVIEW',
      workflow_id: workflowId,
      registry_checks: companies.map((c) => c.registry),
      key_people_checks: companies.map((c) => c.people),
      aml_screenings: [{ status: 'Approved', entity_type: 'company', total_hits: 0, score: 0, hits: [] }],
      ...extra,
    },
    media: [],
    unreadable: [],
    detailsPending: false,
    importInfo: null,
    decisions: [],
    audit: [],
  } as unknown as SessionDetail;
}

describe('case report read back: KYB with a beneficial owner reached through two paths', { timeout: 60_000 }, () => {
  it('prints the chain, the UBO table with effective percentages and both paths, registry warnings and Q&A', async () => {
    const zofia = { uuid: 'p-zofia' };
    const detail = kybDetail(
      [
        company(
          'Target Logistics Ltd',
          'T-1',
          'GB',
          [corporate('Holding Ltd', 'H-1', 60), shareholder('Dan Brook', 40)],
          [
            {
              risk: 'REGISTRY_DATA_OUTDATED',
              short_description: 'Registry filing is over a year old',
              log_type: 'warning',
            },
          ],
        ),
        company('Holding Ltd', 'H-1', 'GB', [
          corporate('Sub-holding Ltd', 'S-1', 50),
          {
            ...shareholder('Zofia Nowak', 50, zofia),
            roles: [{ role: 'shareholder', ownership_percent: 50 }, { role: 'director' }],
          },
        ]),
        company('Sub-holding Ltd', 'S-1', 'PL', [shareholder('Zofia P. Nowak', 80, zofia), shareholder('Ben Ode', 20)]),
      ],
      'Target Logistics Ltd',
      {
        questionnaires: [
          {
            title: 'Source of funds',
            answers: [
              { question: 'Where do the company’s funds come from?', answer: 'Freight contracts' },
              { question: 'Does the company trade with sanctioned countries?', answer: false },
              { question: 'Main markets', answer: ['United Kingdom', 'Poland'] },
            ],
          },
        ],
      },
    );
    const r = await readBack('kyb-two-path-ubo', { detail, media: () => null, names, language: 'en' });
    const flat = r.text.replace(/\s+/g, ' ');
    for (const expected of [
      'KYB session 7781 · In review',
      'Company registry',
      'Registry filing is over a year old',
      'Private limited',
      'Ownership chain',
      'Holding Ltd — 60.00 % (Company)',
      'Sub-holding Ltd — 50.00 % (Company)',
      'Beneficial owners',
      '● Zofia Nowak',
      '54.00 %',
      'Holding Ltd → Zofia Nowak',
      'Holding Ltd → Sub-holding Ltd → Zofia P. Nowak',
      '● Dan Brook',
      '40.00 %',
      'Ben Ode',
      '6.00 %',
      'Shareholder (50.00 % owned);',
      'Questionnaire: Source of funds',
      'Where do the company’s funds come from?',
      'Freight contracts',
      'Does the company trade with sanctioned countries?',
      'United Kingdom, Poland',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('IN_REVIEW');
    expect(flat).not.toContain('PRIVATE_LIMITED');
    expect(flat).not.toContain('● Ben Ode');
    for (const page of r.pages) expect(ink(page)).toBeGreaterThan(0.005);
  });
});

describe(
  'case report read back: a Japanese company with Greek, Cyrillic and Arabic owners',
  { timeout: 60_000 },
  () => {
    const detail = kybDetail(
      [
        {
          registry: {
            status: 'Approved',
            company: {
              company_name: '株式会社さくら精密工業',
              registration_number: '0104-01-123456',
              country_code: 'JP',
              registered_address: '東京都港区芝公園四丁目2番8号',
              alternative_names: ['Sakura Precision Industries K.K.'],
            },
            warnings: [],
          },
          people: {
            status: 'Approved',
            submitted: {
              parties: [
                shareholder('山田 太郎', 40),
                shareholder('Γιώργος Παπαδόπουλος', 25),
                shareholder('Иван Петров', 20),
                shareholder('شركة النور للتجارة', 15),
              ],
            },
          },
        },
      ],
      '株式会社さくら精密工業',
    );

    it('prints every script with an embedded, subset font and no missing glyphs', async () => {
      const r = await readBack('kyb-japanese', { detail, media: () => null, names, language: 'en' });
      const flat = r.text.replace(/\s+/g, ' ');
      for (const expected of [
        '株式会社さくら精密工業',
        '東京都港区芝公園四丁目2番8号',
        '山田 太郎',
        'Γιώργος Παπαδόπουλος',
        'Иван Петров',
      ]) {
        expect(flat).toContain(expected);
      }
      // Arabic is shaped and laid right to left: its letters come back (pdftotext may reorder the words).
      for (const word of ['شركة', 'النور', 'للتجارة']) expect(flat).toContain(word);
      expect(r.fonts).toMatch(/DroidSansFallback/);
      expect(r.fonts).toMatch(/NotoSansArabic/);
      expect(r.fonts).toMatch(/DejaVuSans/);
      // Subset embedding: the 3.4 MB CJK font adds only the glyphs used.
      expect(r.bytes).toBeLessThan(150_000);
      expect(r.text).not.toContain('\ufffd');
      for (const page of r.pages) expect(ink(page)).toBeGreaterThan(0.005);
    });

    it('has a font for every character it prints', () => {
      const dir = defaultFontsDir();
      const fonts = FONT_FILES.map(
        (f) =>
          fontkit.create(readFileSync(join(dir, f.regular))) as unknown as { hasGlyphForCodePoint(c: number): boolean },
      );
      const text =
        '株式会社さくら精密工業 東京都港区芝公園四丁目 山田 太郎 Γιώργος Иван شركة النور 한국 简体 Muñoz ⚠ → ●';
      const missing = [...text].filter(
        (ch) => !/\s/.test(ch) && !fonts.some((f) => f.hasGlyphForCodePoint(ch.codePointAt(0)!)),
      );
      expect(missing).toEqual([]);
    });
  },
);
