/** The AML part of a case report: every hit with its datasets, scores, review status and adverse-media articles. */
import type { AmlHit } from '../../../shared/didit/session.js';
import type { PdfLayout } from './pdf-layout.js';

interface Screening {
  entity_type?: string | null;
  total_hits?: number | null;
  score?: number | null;
  hits?: AmlHit[] | null;
}

export function amlSection(pdf: PdfLayout, screenings: Screening[]): void {
  for (const s of screenings) {
    pdf.heading(`AML screening (${s.entity_type ?? 'entity'})`);
    const hits = s.hits ?? [];
    pdf.fields([
      ['Hits', s.total_hits ?? hits.length, { alert: hits.length > 0 }],
      ['Score', s.score],
    ]);
    for (const hit of hits) {
      pdf.paragraph(hit.caption ?? hit.id ?? 'Hit', { bold: true });
      pdf.fields([
        ['Datasets', (hit.datasets ?? []).join(', ')],
        ['Match score', hit.match_score],
        ['Risk score', hit.risk_score, { alert: true }],
        ['Review status', hit.review_status],
        ['First / last seen', [hit.first_seen, hit.last_seen].filter(Boolean).join(' / ')],
      ]);
      for (const a of hit.adverse_media_matches ?? []) {
        pdf.paragraph(`“${a.headline ?? ''}” ${a.summary ?? ''} (${a.source_url ?? 'no source'})`, { indent: 12 });
      }
    }
  }
}
