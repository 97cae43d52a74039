// Where an imported case came from: the partner, the original session and its decision where known, trust_review,
// when it was imported and by whom. An import made outside this app (it arrived by sync) says so, and shows only
// what this profile can see; nothing is presented as recorded that was inferred.
import { useTranslation } from 'react-i18next';
import type { Provenance, SessionDetail } from '../../../shared/reviewer-api.js';
import { Field, FieldList } from '../common/Fields.js';
import { Section } from '../common/Section.js';
import { formatDateTime } from '../common/format.js';
import { statusLabel } from '../common/labels.js';
import { workflowLabel } from '../common/partners.js';
import { useStatus } from '../state/status.js';

export function ProvenancePanel({ detail }: { detail: SessionDetail }) {
  const p = detail.provenance;
  if (!p) return null;
  return <ProvenanceFields provenance={p} />;
}

export function ProvenanceFields({ provenance: p }: { provenance: Provenance }) {
  const { t, i18n } = useTranslation();
  const connections = useStatus((s) => s.connections);
  const receiving = connections.find((c) => c.id === p.connectionId);
  const workflow = p.workflowId
    ? connections.flatMap((c) => c.workflows).find((w) => w.id === p.workflowId)
    : undefined;
  const partner = p.partner
    ? t('provenance.registeredPartner', { name: p.partner.name })
    : p.sourceConnectionName
      ? t('provenance.ownConnection', { name: p.sourceConnectionName })
      : p.sourceApplicationId
        ? t('provenance.unregistered', { id: p.sourceApplicationId })
        : t('provenance.unknown');
  const trust =
    p.trustReview === null
      ? t('provenance.notRecorded')
      : p.trustReviewInferred
        ? t(p.trustReview ? 'provenance.trustInferredOn' : 'provenance.trustInferredOff')
        : p.trustReview
          ? t('provenance.trustOn')
          : t('provenance.trustOff');
  const importedBy =
    p.origin === 'outside'
      ? t('provenance.outside', { name: receiving?.name ?? '' })
      : (p.importedBy ?? t('provenance.thisApp'));
  return (
    <Section title={t('provenance.title')} className="detail-provenance">
      <FieldList>
        <Field label={t('provenance.partner')} value={partner} />
        <Field
          label={t('provenance.originalSession')}
          value={<span className="mono">{p.sharedFromSession ?? '—'}</span>}
        />
        <Field
          label={t('provenance.originalDecision')}
          value={p.originalStatus ? statusLabel(t, p.originalStatus) : t('provenance.notKnown')}
        />
        <Field label={t('provenance.trustReview')} value={trust} />
        <Field
          label={t('provenance.importedAt')}
          value={p.importedAt ? formatDateTime(p.importedAt, i18n.language) : t('provenance.notRecorded')}
        />
        <Field label={t('provenance.importedBy')} value={importedBy} />
        <Field label={t('provenance.receivingConnection')} value={receiving?.name ?? p.connectionId} />
        {p.workflowId && (
          <Field label={t('provenance.workflow')} value={workflow ? workflowLabel(t, workflow) : p.workflowId} />
        )}
      </FieldList>
      {p.origin === 'outside' && <p className="muted">{t('provenance.outsideNote')}</p>}
    </Section>
  );
}
