// Company documents (certificate of incorporation, register extract, ...) and questionnaire answers.
import { useTranslation } from 'react-i18next';
import { questionnaires, type KybSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';
import { MediaImage, locatorOf } from '../media.js';

export function KybDocumentsSection({ payload }: { payload: KybSession }) {
  const { t } = useTranslation();
  const docs = payload.document_verifications ?? [];
  if (docs.length === 0) return null;
  return (
    <Section title={t('kyb.documents')}>
      {docs.map((d, i) => (
        <div key={d.node_id ?? i} className="media-with-facts">
          <MediaImage
            locator={locatorOf('document_verifications', i, 'file')}
            alt={d.document_type ?? t('kyb.document')}
            className="document-thumb"
          />
          <div>
            <Warnings warnings={d.warnings} />
            <FieldList>
              <Field label={t('fields.document_type')} value={d.document_type} />
              <Field label={t('kyc.issuer')} value={d.issuer} />
              <Field label={t('kyc.issueDate')} value={d.issue_date} />
            </FieldList>
          </div>
        </div>
      ))}
    </Section>
  );
}

export function QuestionnairesSection({ payload }: { payload: KybSession }) {
  const { t } = useTranslation();
  const items = questionnaires(payload);
  if (items.length === 0) return null;
  return (
    <Section title={t('kyb.questionnaires')}>
      {items.map((q, i) => (
        <div key={q.node_id ?? i}>
          <h4>{q.title ?? t('kyb.questionnaire')}</h4>
          <dl className="fields">
            {(q.answers ?? []).map((a, j) => (
              <div key={j} className="field">
                <dt>{a.question ?? '—'}</dt>
                <dd>
                  <UnknownValue value={a.answer} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </Section>
  );
}
