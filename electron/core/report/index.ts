/**
 * The case report: one session's review (fields, images, AML hits, decisions, audit entries) as a PDF, built from
 * the encrypted cache only, so it works offline. Everything partner-supplied is printed as plain text.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReviewerOutputs, SessionDetail } from '../../../shared/reviewer-api.js';
import { carrierName, type KybSession, type KycSession } from '../../../shared/didit/session.js';
import { PdfLayout, type LayoutFonts } from './pdf-layout.js';
import { amlSection } from './aml-section.js';
import { effectiveOwnership, ownershipTree, partiesOf, partyName } from '../../../shared/ownership.js';

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

  unreadableSection(pdf, detail.unreadable);

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
      pdf.paragraph(
        `${r.created_at ?? 'undated'} · ${r.new_status ?? 'no status'} · ${r.user ?? 'unknown'}: ${r.comment ?? ''}`,
      );
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
  const warnings = (
    list: readonly { short_description?: string | null; risk?: string | null }[] | null | undefined,
  ) => {
    for (const w of list ?? []) pdf.paragraph(`⚠ ${w.short_description ?? w.risk ?? ''}`, { alert: true });
  };
  const notApproved = (status: string | null | undefined) => status !== 'Approved';
  for (const id of s.id_verifications ?? []) {
    pdf.heading('Identity document');
    pdf.fields([
      ['Feature status', id.status, { alert: notApproved(id.status) }],
      ['Full name', id.full_name ?? [id.first_name, id.last_name].filter(Boolean).join(' ')],
      ['Document', `${id.document_type ?? ''} ${id.document_number ?? ''}`.trim()],
      ['Document subtype', scalar(id.document_subtype)],
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
    warnings(id.warnings);
    await images([
      ['Front', id.front_image],
      ['Back', id.back_image],
      ['Portrait', id.portrait_image],
    ]);
  }
  for (const n of s.nfc_verifications ?? []) {
    const chip = record(n.chip_data);
    const certificate = record(n.certificate_summary);
    const integrity = (value: boolean | null | undefined) =>
      value === true ? 'verified' : value === false ? 'FAILED' : null;
    pdf.heading('NFC chip');
    pdf.fields([
      ['Status', n.status, { alert: notApproved(n.status) }],
      [
        'Security object (SOD)',
        integrity(n.authenticity?.sod_integrity),
        { alert: n.authenticity?.sod_integrity === false },
      ],
      ['Data groups', integrity(n.authenticity?.dg_integrity), { alert: n.authenticity?.dg_integrity === false }],
      [
        'Chip document',
        [chip.document_type, chip.issuing_country, chip.document_number].map(scalar).filter(Boolean).join(' '),
      ],
      ['Chip name', [chip.first_name, chip.last_name].map(scalar).filter(Boolean).join(' ')],
      ['Chip date of birth', scalar(chip.birth_date)],
      ['Chip nationality', scalar(chip.nationality)],
      ['Chip expires', scalar(chip.expiration_date)],
      ['Chip address', scalar(chip.address)],
      ['Certificate issuer', scalar(certificate.issuer)],
      ['Certificate subject', scalar(certificate.subject)],
      [
        'Certificate valid',
        [certificate.not_valid_before, certificate.not_valid_after].map(scalar).filter(Boolean).join(' – '),
      ],
    ]);
    warnings(n.warnings);
    await images([
      ['Chip portrait', n.portrait_image],
      ['Chip signature', n.signature_image],
    ]);
  }
  for (const l of s.liveness_checks ?? []) {
    pdf.heading('Liveness');
    pdf.fields([
      ['Status', l.status, { alert: notApproved(l.status) }],
      ['Method', l.method],
      ['Score', l.score],
      ['Age estimation', l.age_estimation],
    ]);
    warnings(l.warnings);
    await images([['Reference image', l.reference_image]]);
  }
  for (const f of s.face_matches ?? []) {
    pdf.heading('Face match');
    pdf.fields([
      ['Status', f.status, { alert: notApproved(f.status) }],
      ['Score', f.score],
      ['Reference from session', f.source_image_session_id],
    ]);
    warnings(f.warnings);
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
      ['Validation type', d.validation_type],
    ]);
    warnings(d.warnings);
    for (const v of d.validations ?? []) {
      const fields = Object.entries(record(v.validation))
        .map(([k, result]) => `${k} ${scalar(result) ?? JSON.stringify(result)}`)
        .join(', ');
      const head = [v.service_name ?? v.service_id, v.outcome_code].filter((x) => x !== null && x !== undefined);
      pdf.paragraph(
        `${head.join(' · ')}${v.outcome_detail ? `: ${v.outcome_detail}` : ''}${fields ? ` (${fields})` : ''}`,
        {
          indent: 12,
        },
      );
    }
  }
  for (const p of s.proof_of_address ?? []) {
    pdf.heading('Proof of address');
    pdf.fields([
      ['Status', p.status, { alert: notApproved(p.status) }],
      ['Document', p.document_type],
      ['Issuer', p.issuer],
      ['Issued', p.issue_date],
      ['Issuing state', p.issuing_state],
      ['Language', p.document_language],
      ['Address', p.poa_formatted_address ?? p.poa_address],
      ['Name on document', p.name_on_document],
    ]);
    warnings(p.warnings);
  }
  const flags = (...pairs: [unknown, string][]) =>
    pairs
      .filter(([on]) => on === true)
      .map(([, label]) => ` · ${label}`)
      .join('');
  for (const p of s.phone_verifications ?? []) {
    const carrier = carrierName(p.carrier);
    const carrierType = typeof p.carrier === 'object' && p.carrier !== null ? p.carrier.type : null;
    pdf.heading('Phone');
    pdf.fields([
      ['Status', p.status, { alert: notApproved(p.status) }],
      ['Number', p.full_number ?? [p.phone_number_prefix, p.phone_number].filter(Boolean).join(' ')],
      ['Country', p.country_name ?? p.country_code],
      ['Carrier', [carrier, carrierType ? `(${carrierType})` : null].filter(Boolean).join(' ')],
      ['Risk', flags([p.is_disposable, 'disposable'], [p.is_virtual, 'virtual']).slice(3), { alert: true }],
      ['Verified', [p.verification_method, p.verified_at].filter(Boolean).join(' · ')],
    ]);
    warnings(p.warnings);
  }
  for (const e of s.email_verifications ?? []) {
    pdf.heading('Email');
    pdf.fields([
      ['Status', e.status, { alert: notApproved(e.status) }],
      ['Address', e.email],
      [
        'Risk',
        flags(
          [e.is_breached, 'breached'],
          [e.is_disposable, 'disposable'],
          [e.is_undeliverable, 'undeliverable'],
        ).slice(3),
        { alert: true },
      ],
      ['Verified', e.verified_at],
    ]);
    for (const b of e.breaches ?? []) {
      pdf.paragraph(`Breach: ${[b.name, b.domain, b.breach_date].filter(Boolean).join(' · ')}`, { indent: 12 });
    }
    warnings(e.warnings);
  }
  for (const i of s.ip_analyses ?? []) {
    pdf.heading('IP analysis');
    pdf.fields([
      ['Status', i.status, { alert: notApproved(i.status) }],
      ['IP address', i.ip_address],
      ['Location', [i.ip_city, i.ip_state, i.ip_country ?? i.ip_country_code].filter(Boolean).join(', ')],
      ['ISP / organization', [i.isp, i.organization].filter(Boolean).join(' / ')],
      [
        'Device',
        [i.device_brand, i.device_model, i.browser_family, i.os_family, i.platform].filter(Boolean).join(' · '),
      ],
      ['Time zone', i.time_zone],
      ['Risk', flags([i.is_vpn_or_tor, 'VPN/Tor'], [i.is_data_center, 'data center']).slice(3), { alert: true }],
    ]);
    warnings(i.warnings);
  }
}

/** A partner value printable as one field, or null. */
function scalar(value: unknown): string | number | boolean | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Raw JSON of a part that could not be read is cut after this many lines in the report. */
const UNREADABLE_MAX_LINES = 60;

/** Parts of the payload the app could not read: listed with their reason and raw JSON, as received. */
function unreadableSection(pdf: PdfLayout, parts: SessionDetail['unreadable'] | undefined): void {
  if (!parts || parts.length === 0) return;
  pdf.heading('Parts that could not be read');
  pdf.paragraph(
    'These parts of the session had a shape the app does not know. They are printed as received; the rest of the report is complete.',
  );
  for (const part of parts) {
    pdf.paragraph(`${part.index === null ? part.block : `${part.block}[${part.index}]`}: ${part.reason}`, {
      bold: true,
      alert: true,
    });
    let raw: string;
    try {
      raw = JSON.stringify(part.raw, null, 2) ?? String(part.raw);
    } catch {
      raw = String(part.raw);
    }
    const lines = raw.split('\n');
    const shown = lines.slice(0, UNREADABLE_MAX_LINES).join('\n');
    pdf.paragraph(
      lines.length > UNREADABLE_MAX_LINES ? `${shown}\n… (${lines.length - UNREADABLE_MAX_LINES} more lines)` : shown,
      {
        indent: 12,
      },
    );
  }
}

function kybSections(pdf: PdfLayout, s: KybSession): void {
  (s.registry_checks ?? []).forEach((r, index) => {
    const c = r.company;
    const capital = c?.registered_capital;
    const address = c?.registered_address;
    pdf.heading(index === 0 ? 'Company registry' : `Company in the ownership chain: ${c?.company_name ?? '—'}`);
    pdf.fields([
      ['Company name', c?.company_name],
      ['Registration number', c?.registration_number],
      ['Country', c?.country_code],
      ['Company type', c?.company_type],
      ['Registry status', c?.registry_status],
      ['Incorporated', c?.incorporation_date],
      ['Registered address', typeof address === 'string' ? address : address == null ? null : JSON.stringify(address)],
      ['Tax number', c?.tax_number],
      ['Alternative names', (c?.alternative_names ?? []).join(', ')],
      ['Legal entity identifier', c?.legal_entity_identifier],
      ['Nature of business', c?.nature_of_business],
      ['Registered capital', capital ? `${capital.amount ?? ''} ${capital.currency ?? ''}`.trim() : null],
      ['From the registry', c?.is_from_registry == null ? null : c.is_from_registry ? 'Yes' : 'No'],
    ]);
  });
  const structure = ownershipTree(s);
  if (structure.length > 0) {
    pdf.heading('Effective ownership');
    for (const o of effectiveOwnership(structure))
      pdf.paragraph(
        `${o.name} · ${o.effective.toFixed(2)} % · held through ${o.paths.map((p) => p.join(' → ')).join('; ')}`,
      );
  }
  (s.key_people_checks ?? []).forEach((k, index) => {
    const people = partiesOf(k);
    if (people.length === 0) return;
    const company = s.registry_checks?.[index]?.company?.company_name;
    pdf.heading(index === 0 || !company ? 'Key people' : `Key people of ${company}`);
    for (const p of people) {
      const roles = (p.roles ?? [])
        .map((r) => {
          const figures = [
            r.ownership_percent != null ? `${r.ownership_percent} % owned` : null,
            r.voting_percent != null ? `${r.voting_percent} % voting` : null,
          ].filter(Boolean);
          return figures.length > 0 ? `${r.role} (${figures.join(', ')})` : r.role;
        })
        .join(', ');
      const reg = p.registration_number ? ` · reg. ${p.registration_number}` : '';
      const kyc = p.kyc_status ? ` · KYC ${p.kyc_status}` : '';
      pdf.paragraph(`${partyName(p) ?? '—'}${reg} · ${roles || '—'}${kyc} · ${p.source ?? ''}`);
    }
  });
  for (const d of s.document_verifications ?? []) {
    for (const g of d.groups ?? []) {
      const sum = g.summary;
      pdf.heading(`Company documents: ${(g.group ?? 'documents').replace(/_/g, ' ')}`);
      if (sum)
        pdf.paragraph(
          `${sum.approved ?? '—'} of ${sum.total_expected ?? '—'} approved · ${sum.pending_review ?? '—'} pending review · ${sum.missing ?? '—'} missing`,
        );
      for (const doc of g.documents ?? [])
        pdf.fields([
          ['Document', doc.document_type],
          ['Status', doc.status],
          ['File', doc.file_name],
          ['Issuer', doc.issuer],
          ['Issued', doc.issue_date],
        ]);
    }
    if (d.document_type || (d.groups ?? []).length === 0) {
      pdf.heading('Company document');
      pdf.fields([
        ['Document', d.document_type],
        ['Status', d.status],
        ['Issuer', d.issuer],
        ['Issued', d.issue_date],
      ]);
    }
  }
  for (const q of s.questionnaires ?? []) {
    pdf.heading(`Questionnaire${q.title ? `: ${q.title}` : ''}`);
    for (const a of q.answers ?? []) pdf.paragraph(`${a.question ?? ''}: ${JSON.stringify(a.answer ?? '')}`);
  }
}
