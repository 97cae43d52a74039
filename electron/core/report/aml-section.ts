/**
 * The AML part of a case report: every hit with its disposition (the analyst's latest, else the review status as
 * sent), the lists it was found on with program and listing date, PEP positions, scores and adverse-media articles.
 */
import type { AmlHit } from '../../../shared/didit/session.js';
import { percentScale, record, scalar, warningLines, type SectionContext } from './section.js';

interface Screening {
  entity_type?: string | null;
  total_hits?: number | null;
  score?: number | null;
  hits?: AmlHit[] | null;
  warnings?: Parameters<typeof warningLines>[1];
}

export function amlSection(ctx: SectionContext, screenings: Screening[], business: boolean): void {
  const { pdf, tx } = ctx;
  for (const s of screenings) {
    const entity = tx.value('entity', s.entity_type ?? (business ? 'company' : 'person'));
    pdf.heading(tx.t('amlScreeningOf', { entity: entity ?? '' }));
    const hits = s.hits ?? [];
    const score = percentScale(s.score);
    pdf.fields([
      [tx.t('hits'), s.total_hits ?? hits.length, { tone: hits.length > 0 ? 'alert' : 'ink' }],
      [tx.t('screeningScore'), score === null ? null : tx.number(score, 1)],
    ]);
    warningLines(ctx, s.warnings);
    if (hits.length === 0) pdf.paragraph(tx.t('noHits'));
    hits.forEach((hit, i) => amlHit(ctx, hit, i + 1));
  }
}

function amlHit(ctx: SectionContext, hit: AmlHit, n: number): void {
  const { pdf, tx } = ctx;
  const local = hit.id ? ctx.dispositions.get(hit.id) : undefined;
  const review = local?.reviewStatus ?? hit.review_status ?? 'Unreviewed';
  const tone = review === 'False Positive' ? 'passed' : review === 'Confirmed Match' ? 'failed' : 'warned';
  pdf.subheading(`${tx.t('hit')} ${n}: ${hit.caption ?? hit.id ?? '—'}`, review === 'False Positive' ? 'ink' : 'alert');
  const score = (v: number | null | undefined) => {
    const p = percentScale(v);
    return p === null ? null : tx.number(p, 1);
  };
  pdf.fields([
    [
      tx.t('disposition'),
      local
        ? tx.t('dispositionBy', {
            status: tx.value('amlReview', review) ?? review,
            analyst: local.analyst ?? tx.t('unknownAnalyst'),
            at: tx.dateTime(local.createdAt) ?? '—',
          })
        : tx.value('amlReview', review),
      { tone },
    ],
    [tx.t('rationale'), local?.rationale],
    [tx.t('lists'), (hit.datasets ?? []).map((d) => tx.value('dataset', d)).join(', ')],
    [tx.t('matchScore'), score(hit.match_score)],
    [tx.t('riskScore'), score(hit.risk_score), { tone: 'alert' }],
    [tx.t('firstLastSeen'), [tx.date(hit.first_seen), tx.date(hit.last_seen)].filter(Boolean).join(' / ')],
  ]);
  const str = (v: unknown) => {
    const x = scalar(v);
    return x === null || x === '' ? null : String(x);
  };
  for (const m of (hit.sanction_matches ?? []).map(record)) {
    pdf.fields(
      [
        [tx.t('sanctionList'), str(m.list_name) ?? str(m.name) ?? str(m.source)],
        [tx.t('program'), str(m.program) ?? str(m.programs)],
        [tx.t('listedOn'), tx.date(str(m.listed_on) ?? str(m.listing_date) ?? str(m.date))],
        [tx.t('authority'), str(m.authority)],
        [tx.t('listingReason'), str(m.reason)],
        [tx.t('source'), str(m.source_url) ?? str(m.url)],
      ],
      12,
    );
  }
  for (const m of (hit.pep_matches ?? []).map(record)) {
    pdf.fields(
      [
        [tx.t('pepPosition'), str(m.position)],
        [tx.t('country'), str(m.country)],
        [tx.t('pepLevel'), str(m.level)],
        [tx.t('inOffice'), [tx.date(str(m.start_date)), tx.date(str(m.end_date))].filter(Boolean).join(' – ') || null],
        [tx.t('source'), str(m.source)],
      ],
      12,
    );
  }
  for (const m of (hit.warning_matches ?? []).map(record)) {
    pdf.fields(
      [
        [tx.t('warningList'), str(m.list_name) ?? str(m.name) ?? str(m.source)],
        [tx.t('listingReason'), str(m.reason) ?? str(m.description)],
        [tx.t('listedOn'), tx.date(str(m.listed_on) ?? str(m.date))],
      ],
      12,
    );
  }
  for (const a of hit.adverse_media_matches ?? []) {
    pdf.paragraph(`${tx.t('adverseMedia')}: “${a.headline ?? ''}”`, { indent: 12, bold: true });
    const meta = [tx.date(str((a as Record<string, unknown>).publication_date)), a.source_url].filter(Boolean);
    if (a.summary) pdf.paragraph(a.summary, { indent: 24 });
    if (meta.length > 0) pdf.paragraph(meta.join(' · '), { indent: 24, tone: 'muted', size: 8 });
  }
  pdf.space(4);
}
