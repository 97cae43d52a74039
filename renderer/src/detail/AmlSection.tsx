// AML screening (KYC person or KYB company): every hit with its datasets, match and risk scores, review status,
// and the PEP / sanction / adverse-media details. Everything here is partner text: rendered as text only.
import { useTranslation } from 'react-i18next';
import type { AmlHit, SessionPayload } from '../../../shared/didit/session.js';
import { Section } from '../common/Section.js';
import { Field, FieldList } from '../common/Fields.js';
import { Warnings } from '../common/Warnings.js';
import { UnknownValue } from '../common/UnknownValue.js';
import { SafeLink } from '../common/SafeLink.js';
import { formatDateTime, formatNumber, toPercentScale } from '../common/format.js';
import { AmlDispositionForm } from './AmlDispositionForm.js';

type Screening = NonNullable<SessionPayload['aml_screenings']>[number];

export function AmlSection({ screenings, title }: { screenings: readonly Screening[]; title: string }) {
  const { t, i18n } = useTranslation();
  if (screenings.length === 0) return null;
  return (
    <Section title={title} className="detail-aml">
      {screenings.map((s, i) => (
        <div key={s.node_id ?? i} className="detail-aml-screening">
          <Warnings warnings={s.warnings} />
          <FieldList>
            <Field
              label={t('aml.entityType')}
              value={s.entity_type ? t(`entityType.${s.entity_type}`, { defaultValue: s.entity_type }) : null}
            />
            <Field label={t('aml.totalHits')} value={s.total_hits ?? s.hits?.length ?? 0} />
            <Field
              label={t('aml.score')}
              value={
                s.score === null || s.score === undefined
                  ? null
                  : formatNumber(toPercentScale(s.score), i18n.language, 1)
              }
            />
          </FieldList>
          {s.screened_data !== null && s.screened_data !== undefined && (
            <details>
              <summary>{t('aml.screenedData')}</summary>
              <UnknownValue value={s.screened_data} />
            </details>
          )}
          {(s.hits ?? []).length === 0 ? (
            <p className="muted">{t('aml.noHits')}</p>
          ) : (
            <ol className="detail-aml-hits" aria-label={t('aml.hits')}>
              {(s.hits ?? []).map((hit, j) => (
                <AmlHitCard key={hit.id ?? j} hit={hit} nodeId={s.node_id ?? null} />
              ))}
            </ol>
          )}
        </div>
      ))}
    </Section>
  );
}

function score(value: number | null | undefined, locale: string): string | null {
  return value === null || value === undefined ? null : formatNumber(toPercentScale(value), locale, 1);
}

export function AmlHitCard({ hit, nodeId = null }: { hit: AmlHit; nodeId?: string | null }) {
  const { t, i18n } = useTranslation();
  const review = hit.review_status ?? 'Unreviewed';
  // A confirmed match and a dismissed false positive look different: the card carries its disposition.
  return (
    <li className={`detail-aml-hit detail-aml-hit-${review.replace(/\s+/g, '-').toLowerCase()}`}>
      <header>
        <h4>{hit.caption ?? t('aml.unnamedHit')}</h4>
        <span className={`common-badge common-badge-review-${review.replace(/\s+/g, '-').toLowerCase()}`}>
          {t(`amlReview.${review}`, { defaultValue: review })}
        </span>
      </header>
      <ul className="detail-aml-datasets" aria-label={t('aml.datasets')}>
        {(hit.datasets ?? []).map((d) => (
          <li key={d} className="detail-aml-dataset">
            {t(`amlDataset.${d}`, { defaultValue: d })}
          </li>
        ))}
      </ul>
      <FieldList>
        <Field label={t('aml.matchScore')} value={score(hit.match_score, i18n.language)} />
        <Field label={t('aml.riskScore')} value={score(hit.risk_score, i18n.language)} />
        <Field
          label={t('aml.firstSeen')}
          value={hit.first_seen ? formatDateTime(hit.first_seen, i18n.language) : null}
        />
        <Field label={t('aml.lastSeen')} value={hit.last_seen ? formatDateTime(hit.last_seen, i18n.language) : null} />
        {hit.url && <Field label={t('aml.url')} value={<SafeLink url={hit.url} />} />}
      </FieldList>
      {(hit.pep_matches ?? []).length > 0 && (
        <details open>
          <summary>{t('aml.pepMatches', { count: hit.pep_matches!.length })}</summary>
          <UnknownValue value={hit.pep_matches} />
        </details>
      )}
      {(hit.sanction_matches ?? []).length > 0 && (
        <details open>
          <summary>{t('aml.sanctionMatches', { count: hit.sanction_matches!.length })}</summary>
          <UnknownValue value={hit.sanction_matches} />
        </details>
      )}
      {(hit.warning_matches ?? []).length > 0 && (
        <details open>
          <summary>{t('aml.warningMatches', { count: hit.warning_matches!.length })}</summary>
          <UnknownValue value={hit.warning_matches} />
        </details>
      )}
      {(hit.adverse_media_matches ?? []).length > 0 && (
        <div className="detail-aml-adverse-media">
          <h5>{t('aml.adverseMedia')}</h5>
          <ul>
            {hit.adverse_media_matches!.map((m, k) => (
              <li key={k}>
                <strong>{m.headline ?? t('aml.untitled')}</strong>
                {m.summary && <p>{m.summary}</p>}
                <p className="muted">
                  {m.source_url && (
                    <>
                      {t('aml.source')}: <SafeLink url={m.source_url} />
                    </>
                  )}
                  {m.sentiment_score !== null && m.sentiment_score !== undefined && (
                    <> · {t('aml.sentiment', { value: formatNumber(m.sentiment_score, i18n.language, 2) })}</>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
      <AmlDispositionForm nodeId={nodeId} hitId={hit.id} current={review} />
    </li>
  );
}
