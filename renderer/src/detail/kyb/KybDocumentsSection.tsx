// Company documents in Didit's four groups (legal presence, company details, ownership structure,
// representatives authorization), each with its summary, and questionnaire answers.
import { useTranslation } from 'react-i18next';
import type { KybSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';
import { statusLabel } from '../../common/labels.js';
import { MediaImage } from '../media.js';

type DocumentVerification = NonNullable<KybSession['document_verifications']>[number];
type DocumentGroup = NonNullable<DocumentVerification['groups']>[number];
type KybDocument = NonNullable<DocumentGroup['documents']>[number];

const count = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '—');

export function KybDocumentsSection({ payload }: { payload: KybSession }) {
  const { t } = useTranslation();
  const items = payload.document_verifications ?? [];
  if (items.length === 0) return null;
  return (
    <Section title={t('kyb.documents')}>
      {items.map((item, i) => {
        const at = `document_verifications[${i}]`;
        return (
          <div key={item.node_id ?? i} className="kyb-documents">
            <Warnings warnings={item.warnings} />
            {item.status && (
              <p className="muted">
                {t('kyb.documentStatus')}: {statusLabel(t, item.status)}
              </p>
            )}
            {(item.groups ?? []).map((g, j) => (
              <GroupView key={g.group ?? j} group={g} at={`${at}.groups[${j}]`} />
            ))}
            {/* Older payloads send one document flat on the item. */}
            {(item.document_type || item.file) && (
              <DocumentView doc={item as KybDocument} locator={`${at}.file`} showWarnings={false} />
            )}
          </div>
        );
      })}
    </Section>
  );
}

function GroupView({ group, at }: { group: DocumentGroup; at: string }) {
  const { t } = useTranslation();
  const s = group.summary;
  const docs = group.documents ?? [];
  const name = group.group ? t(`kyb.group.${group.group}`, { defaultValue: group.group }) : t('kyb.document');
  return (
    <div className="kyb-document-group" role="group" aria-label={name}>
      <h4>{name}</h4>
      {s && (
        <p className="kyb-group-summary">
          {t('kyb.groupSummary', {
            approved: count(s.approved),
            expected: count(s.total_expected),
            pending: count(s.pending_review),
            missing: count(s.missing),
          })}
        </p>
      )}
      {docs.length === 0 && <p className="muted">{t('kyb.groupEmpty')}</p>}
      {docs.map((d, k) => (
        <DocumentView key={k} doc={d} locator={`${at}.documents[${k}].file`} showWarnings />
      ))}
    </div>
  );
}

function DocumentView({ doc, locator, showWarnings }: { doc: KybDocument; locator: string; showWarnings: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="detail-media-with-facts">
      <MediaImage
        locator={locator}
        alt={doc.document_type ?? doc.file_name ?? t('kyb.document')}
        className="detail-document-thumb"
      />
      <div>
        {showWarnings && <Warnings warnings={doc.warnings} />}
        <FieldList>
          <Field label={t('fields.document_type')} value={doc.document_type} />
          <Field label={t('kyb.documentStatus')} value={doc.status ? statusLabel(t, doc.status) : null} />
          <Field label={t('kyb.fileName')} value={doc.file_name} />
          <Field label={t('kyc.issuer')} value={doc.issuer} />
          <Field label={t('kyc.issueDate')} value={doc.issue_date} />
        </FieldList>
      </div>
    </div>
  );
}

export function QuestionnairesSection({ payload }: { payload: KybSession }) {
  const { t } = useTranslation();
  const items = payload.questionnaires ?? [];
  if (items.length === 0) return null;
  return (
    <Section title={t('kyb.questionnaires')}>
      {items.map((q, i) => (
        <div key={q.node_id ?? i}>
          <h4>{q.title ?? t('kyb.questionnaire')}</h4>
          <Warnings warnings={q.warnings} />
          <dl className="common-fields">
            {(q.answers ?? []).map((a, j) => (
              <div key={j} className="common-field">
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
