/**
 * The case report: one session's review (fields, images, AML hits, decisions, audit entries) as a PDF, built from
 * the encrypted cache only, so it works offline. Everything partner-supplied is printed as plain text.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReviewerOutputs, SessionDetail } from '../../../shared/reviewer-api.js';
import { proofOfAddress, questionnaires, type KybSession, type KycSession } from '../../../shared/session.js';
import { PdfLayout, type LayoutFonts } from './pdf-layout.js';
import { amlSection } from './aml-section.js';

export type MediaLookup = (locator: string) => { contentType: string; bytes: Uint8Array } | null;

/** Walks up from this module to the folder holding resources/fonts: the repo in development, the app when packaged. */
function defaultFontsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, 'DejaVuSans.ttf'))) return candidate;
    if (dirname(dir) === dir) throw new Error('resources/fonts/DejaVuSans.ttf not found');
  }
}

let fontCache: Promise<LayoutFonts> | null = null;
function loadFonts(fontsDir: string): Promise<LayoutFonts> {
  fontCache ??= Promise.all([
    readFile(join(fontsDir, 'DejaVuSans.ttf')),
    readFile(join(fontsDir, 'DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontCache;
}

export async function buildCaseReport(input: {
  detail: SessionDetail;
  media: MediaLookup;
  generatedAt?: Date;
  fontsDir?: string;
}): Promise<ReviewerOutputs['exportCaseReport']> {
  const { detail, media } = input;
  const generatedAt = (input.generatedAt ?? new Date()).toISOString();
  const { row, payload } = detail;
  const subject = row.subjectName ?? row.vendorData ?? row.id;
  const pdf = await PdfLayout.create(await loadFonts(input.fontsDir ?? defaultFontsDir()), {
    title: `Case report ${row.id}`,
    footer: `Countersign case report · session ${row.id} · generated ${generatedAt}`,
  });

  pdf.title(`Case report: ${subject}`, `${row.kind === 'user' ? 'KYC' : 'KYB'} session ${row.id}`);
  pdf.heading('Session');
  pdf.fields([
    ['Status', row.status],
    ['Session number', row.sessionNumber],
    ['Vendor data', row.vendorData],
    ['Workflow', payload.workflow_id],
    ['Created', row.createdAt],
    ['Imported from session', row.sharedFromSession],
    ['Source application', detail.importInfo?.sourceApplicationId],
    ['Trust review', detail.importInfo?.trustReview ?? null],
    ['Imported at', detail.importInfo?.importedAt],
  ]);

  const images = (items: [string, unknown][]) =>
    pdf.images(
      items.flatMap(([caption, locator]) => {
        const found = typeof locator === 'string' ? media(locator) : null;
        return found ? [{ caption, ...found }] : [];
      }),
    );

  if (payload.session_kind === 'user') await kycSections(pdf, payload, images);
  else kybSections(pdf, payload);
  amlSection(pdf, payload.aml_screenings ?? []);

  pdf.heading('Decisions');
  if (detail.decisions.length === 0) pdf.paragraph('No decision recorded in this workspace.');
  for (const d of detail.decisions) {
    pdf.fields([
      ['Decision', `${d.newStatus} (${d.state})`, { alert: d.state === 'conflict' }],
      ['Comment', d.comment],
      ['Made at', d.createdAt],
      ['Synced at', d.syncedAt],
      ['Server decision', d.serverStatus ? `${d.serverStatus}: ${d.serverComment ?? ''}` : null, { alert: true }],
    ]);
  }
  const reviews = payload.reviews ?? [];
  if (reviews.length > 0) {
    pdf.heading('Reviews on the server');
    for (const r of reviews)
      pdf.paragraph(`${r.created_at} · ${r.new_status} · ${r.user ?? 'unknown'}: ${r.comment ?? ''}`);
  }

  pdf.heading('Audit trail');
  if (detail.audit.length === 0) pdf.paragraph('No audit entries for this session.');
  for (const a of detail.audit) {
    pdf.paragraph(`#${a.seq} ${a.at} · ${a.type} · hash ${a.hash.slice(0, 16)}…`);
  }

  const bytes = await pdf.save();
  const safeName =
    subject
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'session';
  return {
    fileName: `case-report-${safeName}-${row.id.slice(0, 8)}.pdf`,
    pdfBase64: Buffer.from(bytes).toString('base64'),
  };
}

async function kycSections(
  pdf: PdfLayout,
  s: KycSession,
  images: (items: [string, unknown][]) => Promise<void>,
): Promise<void> {
  for (const id of s.id_verifications ?? []) {
    pdf.heading('Identity document');
    pdf.fields([
      ['Feature status', id.status, { alert: id.status !== 'Approved' }],
      ['Full name', id.full_name ?? [id.first_name, id.last_name].filter(Boolean).join(' ')],
      ['Document', `${id.document_type ?? ''} ${id.document_number ?? ''}`.trim()],
      ['Personal number', id.personal_number],
      ['Issuing state', id.issuing_state_name ?? id.issuing_state],
      ['Date of birth', id.date_of_birth],
      ['Age', id.age],
      ['Gender', id.gender],
      ['Nationality', id.nationality],
      ['Issued / expires', [id.date_of_issue, id.expiration_date].filter(Boolean).join(' / ')],
      ['Address', id.address],
      ['Place of birth', id.place_of_birth],
    ]);
    for (const w of id.warnings ?? []) pdf.paragraph(`⚠ ${w.short_description ?? w.risk ?? ''}`, { alert: true });
    await images([
      ['Front', id.front_image],
      ['Back', id.back_image],
      ['Portrait', id.portrait_image],
    ]);
  }
  for (const l of s.liveness_checks ?? []) {
    pdf.heading('Liveness');
    pdf.fields([
      ['Status', l.status, { alert: l.status !== 'Approved' }],
      ['Method', l.method],
      ['Score', l.score],
      ['Age estimation', l.age_estimation],
    ]);
    await images([['Reference image', l.reference_image]]);
  }
  for (const f of s.face_matches ?? []) {
    pdf.heading('Face match');
    pdf.fields([
      ['Status', f.status, { alert: f.status !== 'Approved' }],
      ['Score', f.score],
    ]);
    await images([
      ['Source', f.source_image],
      ['Target', f.target_image],
    ]);
  }
  for (const d of s.database_validations ?? []) {
    pdf.heading('Database validation');
    pdf.fields([
      ['Status', d.status],
      ['Issuing state', d.issuing_state],
      ['Match type', d.match_type, { alert: d.match_type !== 'full_match' }],
    ]);
    for (const v of d.validations ?? [])
      pdf.paragraph(`${v.service_name ?? ''}: ${v.outcome_detail ?? ''}`, { indent: 12 });
  }
  for (const p of proofOfAddress(s)) {
    pdf.heading('Proof of address');
    pdf.fields([
      ['Status', p.status],
      ['Document', p.document_type],
      ['Issuer', p.issuer],
      ['Issued', p.issue_date],
      ['Address', p.poa_address],
      ['Name on document', p.name_on_document],
    ]);
  }
  const contact = [
    ...(s.phone_verifications ?? []).map((p): [string, string] => [
      'Phone',
      `${p.full_number ?? ''} ${p.carrier ?? ''}${p.is_disposable ? ' · disposable' : ''}${p.is_virtual ? ' · virtual' : ''}`,
    ]),
    ...(s.email_verifications ?? []).map((e): [string, string] => [
      'Email',
      `${e.email ?? ''}${e.is_breached ? ' · breached' : ''}${e.is_disposable ? ' · disposable' : ''}`,
    ]),
    ...(s.ip_analyses ?? []).map((i): [string, string] => [
      'IP address',
      `${i.ip_address ?? ''} ${i.ip_city ?? ''} ${i.ip_country_code ?? ''}${i.is_vpn_or_tor ? ' · VPN/Tor' : ''}${i.is_data_center ? ' · data center' : ''}`,
    ]),
  ];
  if (contact.length > 0) {
    pdf.heading('Phone, email and IP');
    pdf.fields(contact);
  }
}

function kybSections(pdf: PdfLayout, s: KybSession): void {
  for (const r of s.registry_checks ?? []) {
    const c = r.company;
    pdf.heading('Company registry');
    pdf.fields([
      ['Legal name', c?.legal_name],
      ['Registration number', c?.registration_number],
      ['Jurisdiction', c?.jurisdiction],
      ['Incorporated', c?.incorporation_date],
      ['Registry status', c?.status],
      ['Legal form', c?.legal_form],
      ['Address', c?.address],
    ]);
  }
  for (const k of s.key_people_checks ?? []) {
    const people = [
      ...(k.registry?.officers ?? []),
      ...(k.registry?.beneficial_owners ?? []),
      ...(k.submitted?.parties ?? []),
    ];
    if (people.length === 0) continue;
    pdf.heading('Key people');
    for (const p of people) {
      const share = p.ownership_percentage != null ? ` · ${p.ownership_percentage} %` : '';
      const kyc = p.kyc_status ? ` · KYC ${p.kyc_status}` : '';
      pdf.paragraph(`${p.name} · ${(p.roles ?? []).join(', ')}${share}${kyc} · ${p.source ?? ''}`);
    }
  }
  for (const d of s.document_verifications ?? []) {
    pdf.heading('Company document');
    pdf.fields([
      ['Document', d.document_type],
      ['Status', d.status],
      ['Issuer', d.issuer],
      ['Issued', d.issue_date],
    ]);
  }
  for (const q of questionnaires(s)) {
    pdf.heading(`Questionnaire${q.title ? `: ${q.title}` : ''}`);
    for (const a of q.answers ?? []) pdf.paragraph(`${a.question ?? ''}: ${JSON.stringify(a.answer ?? '')}`);
  }
}
