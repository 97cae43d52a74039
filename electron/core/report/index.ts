/**
 * The case report: one session's review as a PDF an auditor can read on its own: a check summary (status, score
 * against the analyst's thresholds, warnings), the analyst's sign-off, every section of the session with its
 * images, the AML hits with their lists and dispositions, for KYB the ownership chain and beneficial owners, the
 * audit trail, and the raw identifiers last. Built from the encrypted cache only, so it works offline, in the app's
 * language (strings.ts). Everything partner-supplied is printed as plain text.
 */
import type { ReviewerOutputs, SessionDetail } from '../../../shared/reviewer-api.js';
import { caseChecks, type CheckSignal } from '../../../shared/case-signals.js';
import { stripMarker } from '../../../shared/decision-text.js';
import { PdfLayout, type FieldRow, type Tone } from './pdf-layout.js';
import { defaultFontsDir, loadFontFamilies } from './fonts.js';
import { reportText, type ReportLanguage, type ReportText } from './strings.js';
import { amlSection } from './aml-section.js';
import { kycSections } from './kyc-sections.js';
import { kybSections } from './kyb-sections.js';
import type { SectionContext } from './section.js';

export type MediaLookup = (locator: string) => { contentType: string; bytes: Uint8Array } | null;
export type { ReportLanguage } from './strings.js';

export interface ReportThresholds {
  faceMatch: number;
  liveness: number;
  uboPercent: number;
}

export interface CaseReportInput {
  detail: SessionDetail;
  media: MediaLookup;
  /** The app's language (Settings → language); English when not given. */
  language?: ReportLanguage;
  /** The analyst's review thresholds (Settings); the defaults when not given. */
  thresholds?: ReportThresholds;
  /** Names the report prints instead of ids, resolved by the engine from the profile. */
  names?: { workflow?: string | null; connection?: string | null; partner?: string | null };
  generatedAt?: Date;
  fontsDir?: string;
}

const DEFAULT_THRESHOLDS: ReportThresholds = { faceMatch: 70, liveness: 70, uboPercent: 25 };

export async function buildCaseReport(input: CaseReportInput): Promise<ReviewerOutputs['exportCaseReport']> {
  const { detail, media } = input;
  const tx = reportText(input.language ?? 'en');
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const generatedAt = (input.generatedAt ?? new Date()).toISOString();
  const { row, payload } = detail;
  const subject = row.subjectName ?? row.vendorData ?? tx.t('unnamed');
  const pdf = await PdfLayout.create(await loadFontFamilies(input.fontsDir ?? defaultFontsDir()), {
    title: tx.t('documentTitle', { id: row.id }),
    language: tx.language,
    footer: (n, total) =>
      `${tx.t('footer', { at: tx.dateTime(generatedAt) ?? generatedAt })} · ${row.id} · ${tx.t('page', { n, total })}`,
  });

  const dispositions = latestDispositions(detail);
  const ctx: SectionContext = {
    pdf,
    tx,
    thresholds,
    dispositions,
    images: (items) =>
      pdf.images(
        items.flatMap(([caption, locator]) => {
          const found = typeof locator === 'string' ? media(locator) : null;
          return found ? [{ caption, ...found }] : [];
        }),
      ),
  };

  const status = tx.value('status', row.status) ?? row.status;
  pdf.title(
    tx.t('title', { subject }),
    tx.t(row.kind === 'user' ? 'subtitleKyc' : 'subtitleKyb', { number: row.sessionNumber ?? '—', status }),
  );
  sessionSection(ctx, detail, input.names ?? {});

  const checks = caseChecks(
    payload,
    { faceMatch: thresholds.faceMatch, liveness: thresholds.liveness },
    new Map([...dispositions].map(([hitId, d]) => [hitId, d.reviewStatus])),
  );
  checkSummary(ctx, checks);
  signOff(ctx, detail);

  unreadableSection(ctx, detail.unreadable);
  if (payload.session_kind === 'user') await kycSections(ctx, payload);
  else kybSections(ctx, payload);
  amlSection(ctx, payload.aml_screenings ?? [], payload.session_kind === 'business');

  auditSection(ctx, detail);
  identifiers(ctx, detail, generatedAt);

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

/** A local AML disposition as the report prints it (read from the detail as it is, fields optional). */
export interface DispositionView {
  reviewStatus: string;
  rationale: string | null;
  analyst: string | null;
  createdAt: string | null;
  state: string | null;
}

/** The latest local disposition of each hit, by hit id (superseded and retracted ones are history, not the answer). */
function latestDispositions(detail: SessionDetail): Map<string, DispositionView> {
  const out = new Map<string, DispositionView>();
  const list = (detail as { dispositions?: unknown }).dispositions;
  if (!Array.isArray(list)) return out;
  for (const raw of list as Record<string, unknown>[]) {
    if (typeof raw?.hitId !== 'string' || typeof raw.reviewStatus !== 'string') continue;
    if (raw.state === 'superseded') continue;
    out.set(raw.hitId, {
      reviewStatus: raw.reviewStatus,
      rationale: typeof raw.rationale === 'string' && raw.rationale ? raw.rationale : null,
      analyst: analystName(raw.analyst),
      createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : null,
      state: typeof raw.state === 'string' ? raw.state : null,
    });
  }
  return out;
}

/** An analyst as recorded: a name, or `{name, email}`; null when not recorded. */
export function analystName(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object') {
    const { name, email } = value as { name?: unknown; email?: unknown };
    const n = typeof name === 'string' ? name.trim() : '';
    const e = typeof email === 'string' ? email.trim() : '';
    if (n && e) return `${n} <${e}>`;
    return n || e || null;
  }
  return null;
}

function sessionSection(
  { pdf, tx }: SectionContext,
  detail: SessionDetail,
  names: NonNullable<CaseReportInput['names']>,
): void {
  const { row, payload, importInfo } = detail;
  const provenance = (detail as { provenance?: Record<string, unknown> | null }).provenance ?? null;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const partner =
    names.partner ??
    str((provenance?.partner as { name?: unknown } | null | undefined)?.name) ??
    str(provenance?.sourceConnectionName);
  const source = importInfo?.sourceApplicationId ?? row.sourceApplicationId;
  pdf.heading(tx.t('session'));
  pdf.fields([
    [tx.t('status'), tx.value('status', row.status)],
    [tx.t('sessionNumber'), row.sessionNumber],
    [tx.t('vendorData'), row.vendorData ?? payload.vendor_data],
    [tx.t('workflow'), names.workflow],
    [tx.t('created'), tx.dateTime(row.createdAt ?? payload.created_at)],
    [tx.t('connection'), names.connection],
  ]);
  if (source || row.sharedFromSession || importInfo) {
    pdf.subheading(tx.t('provenance'));
    pdf.fields([
      [tx.t('partner'), partner ?? (source ? tx.t('unknownPartner') : null)],
      [tx.t('originalStatus'), tx.value('status', str(provenance?.originalStatus))],
      [tx.t('trustReview'), tx.yesNo(importInfo?.trustReview ?? (provenance?.trustReview as boolean | null) ?? null)],
      [tx.t('importedAt'), tx.dateTime(importInfo?.importedAt ?? str(provenance?.importedAt))],
      [tx.t('importedBy'), str(provenance?.importedBy)],
    ]);
  }
}

function outcomeTone(check: CheckSignal): Tone {
  return check.outcome;
}

function checkSummary({ pdf, tx }: SectionContext, checks: CheckSignal[]): void {
  pdf.heading(tx.t('checkSummary'));
  if (checks.length === 0) {
    pdf.paragraph(tx.t('noChecks'));
    return;
  }
  pdf.table(
    [
      { title: tx.t('check'), width: 0.2 },
      { title: tx.t('result'), width: 0.15 },
      { title: tx.t('status'), width: 0.14 },
      { title: `${tx.t('score')} / ${tx.t('threshold')}`, width: 0.15 },
      { title: `${tx.t('warnings')} · ${tx.t('flags')}`, width: 0.36 },
    ],
    checks.map((c) => {
      const score =
        c.score === null
          ? null
          : c.threshold === null
            ? tx.number(c.score, 1)
            : tx.t('scoreVsThreshold', { score: tx.number(c.score, 1), threshold: tx.number(c.threshold) });
      const notes = [
        ...c.flags.map((f) =>
          f === 'belowThreshold' && c.threshold !== null
            ? tx.t('belowThreshold', { threshold: tx.number(c.threshold) })
            : tx.flag(f),
        ),
        ...c.warnings.map((w) => w.short_description ?? (w.risk ? tx.value('risk', w.risk) : null)).filter(Boolean),
      ];
      const belowThreshold = c.flags.includes('belowThreshold');
      return {
        cells: [tx.check(c.key), tx.outcome(c.outcome), tx.value('status', c.status), score, notes.join(' · ')],
        tone: [undefined, outcomeTone(c), undefined, belowThreshold ? 'alert' : undefined, undefined],
      };
    }),
  );
}

interface DecisionView {
  newStatus: string;
  state: string;
  comment: string;
  createdAt: string;
  syncedAt: string | null;
  serverStatus: string | null;
  serverComment: string | null;
  analyst?: unknown;
  reasons?: { code: string; label: string }[];
  nodesToResubmit?: string[];
}

/** Who decided what and when: every decision recorded in this workspace, then the reviews the server holds. */
function signOff({ pdf, tx }: SectionContext, detail: SessionDetail): void {
  pdf.heading(tx.t('signOff'));
  const decisions = detail.decisions as unknown as DecisionView[];
  if (decisions.length === 0) pdf.paragraph(tx.t('noDecision'));
  for (const d of decisions) {
    const tone: Tone = d.state === 'conflict' || d.state === 'retracted' ? 'alert' : 'ink';
    pdf.subheading(`${tx.t('decision')}: ${tx.value('status', d.newStatus)}`, tone);
    const rows: FieldRow[] = [
      [tx.t('decidedBy'), analystName(d.analyst) ?? tx.t('unknownAnalyst')],
      [tx.t('decidedAt'), tx.dateTime(d.createdAt)],
      [tx.t('delivery'), tx.value('decisionState', d.state), { tone }],
      [tx.t('syncedAt'), tx.dateTime(d.syncedAt)],
      [tx.t('reasons'), (d.reasons ?? []).map((r) => r.label || r.code).join('; ')],
      [tx.t('stepsToRedo'), (d.nodesToResubmit ?? []).join(', ')],
      [tx.t('comment'), d.comment],
      [
        tx.t('serverDecision'),
        d.serverStatus
          ? `${tx.value('status', d.serverStatus)}${d.serverComment ? `: ${stripMarker(d.serverComment)}` : ''}`
          : null,
        { tone: 'alert' },
      ],
    ];
    pdf.fields(rows);
  }
  const notes = (detail as { notes?: unknown }).notes;
  if (Array.isArray(notes) && notes.length > 0) {
    pdf.subheading(tx.t('notes'));
    for (const n of notes as { text?: unknown; analyst?: unknown; createdAt?: unknown }[]) {
      const who = analystName(n.analyst) ?? tx.t('unknownAnalyst');
      const at = typeof n.createdAt === 'string' ? tx.dateTime(n.createdAt) : null;
      pdf.paragraph(`${[at, who].filter(Boolean).join(' · ')}: ${typeof n.text === 'string' ? n.text : ''}`);
    }
  }
  const reviews = detail.payload.reviews ?? [];
  if (reviews.length > 0) {
    pdf.subheading(tx.t('serverReviews'));
    for (const r of reviews) {
      const head = tx.t('reviewLine', {
        at: tx.dateTime(r.created_at) ?? tx.t('none'),
        status: tx.value('status', r.new_status) ?? tx.t('none'),
        user: r.user ?? tx.t('none'),
      });
      pdf.paragraph(r.comment ? `${head}: ${stripMarker(r.comment)}` : head);
    }
  }
}

/** Raw JSON of a part that could not be read is cut after this many lines in the report. */
const UNREADABLE_MAX_LINES = 60;

/** Parts of the payload the app could not read: listed with their reason and raw JSON, as received. */
function unreadableSection({ pdf, tx }: SectionContext, parts: SessionDetail['unreadable'] | undefined): void {
  if (!parts || parts.length === 0) return;
  pdf.heading(tx.t('unreadable'));
  pdf.paragraph(tx.t('unreadableNote'));
  for (const part of parts) {
    pdf.paragraph(`${part.index === null ? part.block : `${part.block}[${part.index}]`}: ${part.reason}`, {
      bold: true,
      tone: 'alert',
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
      lines.length > UNREADABLE_MAX_LINES
        ? `${shown}\n${tx.t('moreLines', { n: lines.length - UNREADABLE_MAX_LINES })}`
        : shown,
      { indent: 12 },
    );
  }
}

function auditSection({ pdf, tx }: SectionContext, detail: SessionDetail): void {
  pdf.heading(tx.t('auditTrail'));
  if (detail.audit.length === 0) {
    pdf.paragraph(tx.t('noAudit'));
    return;
  }
  pdf.table(
    [
      { title: '#', width: 0.07 },
      { title: tx.t('when'), width: 0.23 },
      { title: tx.t('event'), width: 0.25 },
      { title: tx.t('actor'), width: 0.18 },
      { title: tx.t('hash'), width: 0.27 },
    ],
    detail.audit.map((a) => ({
      cells: [a.seq, tx.dateTime(a.at), a.type, (a as { actor?: string | null }).actor ?? null, a.hash],
    })),
    { size: 7.5 },
  );
}

/** The raw ids, last: the body prints names, an auditor matching records needs the ids. */
function identifiers({ pdf, tx }: SectionContext, detail: SessionDetail, generatedAt: string): void {
  const { row, payload, importInfo } = detail;
  pdf.heading(tx.t('identifiers'));
  pdf.fields([
    [tx.t('sessionId'), row.id],
    [tx.t('workflowId'), payload.workflow_id],
    [tx.t('originalSession'), row.sharedFromSession ?? payload.shared_from_session],
    [tx.t('sourceApplicationId'), importInfo?.sourceApplicationId ?? row.sourceApplicationId],
    [tx.t('connectionId'), row.connectionId],
    [tx.t('generatedAt'), tx.dateTime(generatedAt)],
  ]);
}

export type { ReportText };
