// The partner registry: each partner with its import defaults (trust_review, a workflow per kind), its data-sharing
// agreement (reference and expiry) and notes; edit or remove (confirmed) in place, register a new one below.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidSchema } from '../../../shared/didit/api.js';
import { localDay, receives, type Partner, type Workflow } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { useStatus } from '../state/status.js';
import { usePartnerStore, usePartners } from '../state/partners.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { RemoveWithConfirm } from '../common/RemoveWithConfirm.js';
import { CheckboxField, Form, InputField, SelectField } from '../common/FormFields.js';
import { formatDay, workflowLabel } from '../common/partners.js';

export function PartnersSettings() {
  const { t } = useTranslation();
  const partners = usePartners();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Section title={t('partners.title')}>
      <p className="muted">{t('partners.intro')}</p>
      {partners.length === 0 ? (
        <p className="muted">{t('partners.none')}</p>
      ) : (
        <ul className="settings-connections" aria-label={t('partners.title')}>
          {partners.map((p) =>
            editing === p.id ? (
              <li key={p.id} className="settings-connection">
                <PartnerForm partner={p} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <PartnerItem key={p.id} partner={p} onEdit={() => setEditing(p.id)} />
            ),
          )}
        </ul>
      )}
      <div className="settings-add-connection">
        <h4>{t('partners.add')}</h4>
        <PartnerForm partner={null} onDone={() => undefined} />
      </div>
    </Section>
  );
}

/** The agreement's state on `today`: none on record, valid until a day, or expired. */
export function agreementState(partner: Partner, today = localDay()): 'none' | 'valid' | 'expired' {
  if (!partner.agreementReference) return 'none';
  return partner.agreementExpiresOn !== null && partner.agreementExpiresOn < today ? 'expired' : 'valid';
}

function PartnerItem({ partner: p, onEdit }: { partner: Partner; onEdit(): void }) {
  const { t, i18n } = useTranslation();
  const connections = useStatus((s) => s.connections);
  const workflows = connections.flatMap((c) => c.workflows);
  const { error, run } = useEngineAction();
  const agreement = agreementState(p);
  const workflowName = (id: string | null) => {
    const w = id ? workflows.find((x) => x.id === id) : undefined;
    return w ? workflowLabel(t, w) : id ? id : t('partners.noDefaultWorkflow');
  };
  const remove = () =>
    void run(async () => {
      await api().removePartner({ id: p.id });
      await usePartnerStore.getState().refresh();
    });
  return (
    <li className="settings-connection" aria-label={p.name}>
      <div className="settings-connection-head">
        <strong>{p.name}</strong>
        <span className={`common-badge settings-agreement-${agreement}`}>
          {t(`partners.agreementState.${agreement}`)}
        </span>
        {p.trustReview && <span className="common-badge">{t('partners.trustsReview')}</span>}
      </div>
      <dl className="common-fields common-fields-compact">
        <div className="common-field">
          <dt>{t('partners.applicationId')}</dt>
          <dd className="mono">{p.applicationId}</dd>
        </div>
        <div className="common-field">
          <dt>{t('partners.trustReview')}</dt>
          <dd>{p.trustReview ? t('common.yes') : t('common.no')}</dd>
        </div>
        <div className="common-field">
          <dt>{t('partners.kycWorkflow')}</dt>
          <dd>{workflowName(p.workflows.user)}</dd>
        </div>
        <div className="common-field">
          <dt>{t('partners.kybWorkflow')}</dt>
          <dd>{workflowName(p.workflows.business)}</dd>
        </div>
        <div className="common-field">
          <dt>{t('partners.agreementReference')}</dt>
          <dd>{p.agreementReference ?? '—'}</dd>
        </div>
        <div className="common-field">
          <dt>{t('partners.agreementExpiresOn')}</dt>
          <dd>{p.agreementExpiresOn ? formatDay(p.agreementExpiresOn, i18n.language) : '—'}</dd>
        </div>
        {p.notes && (
          <div className="common-field">
            <dt>{t('partners.notes')}</dt>
            <dd>{p.notes}</dd>
          </div>
        )}
      </dl>
      <div className="common-actions">
        <button
          type="button"
          className="secondary"
          onClick={onEdit}
          aria-label={t('partners.editNamed', { name: p.name })}
        >
          {t('partners.edit')}
        </button>
        <RemoveWithConfirm
          question={t('partners.removeQuestion', { name: p.name })}
          label={t('partners.removeNamed', { name: p.name })}
          onRemove={remove}
        />
      </div>
      <ErrorText error={error} />
    </li>
  );
}

/** Add (partner null) or edit a partner. A new partner's trust_review is off, as the seed advises. */
function PartnerForm({ partner, onDone }: { partner: Partner | null; onDone(): void }) {
  const { t } = useTranslation();
  const connections = useStatus((s) => s.connections).filter(receives);
  const [name, setName] = useState(partner?.name ?? '');
  const [applicationId, setApplicationId] = useState(partner?.applicationId ?? '');
  const [trustReview, setTrustReview] = useState(partner?.trustReview ?? false);
  const [kycWorkflow, setKycWorkflow] = useState(partner?.workflows.user ?? '');
  const [kybWorkflow, setKybWorkflow] = useState(partner?.workflows.business ?? '');
  const [agreementReference, setAgreementReference] = useState(partner?.agreementReference ?? '');
  const [agreementExpiresOn, setAgreementExpiresOn] = useState(partner?.agreementExpiresOn ?? '');
  const [notes, setNotes] = useState(partner?.notes ?? '');
  const { busy, error, run } = useEngineAction();
  const [saved, setSaved] = useState(false);
  const idValid = uuidSchema.safeParse(applicationId.trim()).success;
  const choices = (kind: Workflow['session_kind']) => {
    const seen = new Set<string>();
    return connections.flatMap((c) =>
      c.workflows
        .filter((w) => w.session_kind === kind && !seen.has(w.id) && seen.add(w.id))
        .map((w) => ({
          value: w.id,
          label: connections.length > 1 ? `${c.name}: ${workflowLabel(t, w)}` : workflowLabel(t, w),
        })),
    );
  };

  const submit = async () => {
    setSaved(false);
    await run(async () => {
      await api().savePartner({
        ...(partner ? { id: partner.id } : {}),
        name: name.trim(),
        applicationId: applicationId.trim(),
        trustReview,
        workflows: { user: kycWorkflow || null, business: kybWorkflow || null },
        agreementReference: agreementReference.trim() || null,
        agreementExpiresOn: agreementExpiresOn || null,
        notes: notes.trim(),
      });
      await usePartnerStore.getState().refresh();
      if (!partner) {
        setName('');
        setApplicationId('');
        setTrustReview(false);
        setKycWorkflow('');
        setKybWorkflow('');
        setAgreementReference('');
        setAgreementExpiresOn('');
        setNotes('');
        setSaved(true);
      }
      onDone();
    });
  };

  return (
    <Form onSubmit={submit} aria-label={partner ? t('partners.editNamed', { name: partner.name }) : t('partners.add')}>
      <InputField label={t('partners.name')} value={name} maxLength={100} aria-required="true" onValue={setName} />
      <InputField
        label={t('partners.applicationId')}
        className="mono"
        value={applicationId}
        maxLength={100}
        spellCheck={false}
        aria-required="true"
        aria-invalid={applicationId.trim() !== '' && !idValid}
        onValue={setApplicationId}
      />
      {applicationId.trim() !== '' && !idValid && (
        <p className="error" role="alert">
          {t('outbound.partnerIdInvalid')}
        </p>
      )}
      <CheckboxField label={t('partners.trustReviewDefault')} checked={trustReview} onChecked={setTrustReview} />
      <p className="muted">{t('partners.trustReviewHelp')}</p>
      <SelectField
        label={t('partners.kycWorkflow')}
        value={kycWorkflow}
        choices={choices('user')}
        emptyChoice={t('partners.noDefaultWorkflow')}
        onValue={setKycWorkflow}
      />
      <SelectField
        label={t('partners.kybWorkflow')}
        value={kybWorkflow}
        choices={choices('business')}
        emptyChoice={t('partners.noDefaultWorkflow')}
        onValue={setKybWorkflow}
      />
      <InputField
        label={t('partners.agreementReference')}
        value={agreementReference}
        maxLength={200}
        onValue={setAgreementReference}
      />
      <InputField
        label={t('partners.agreementExpiresOn')}
        type="date"
        value={agreementExpiresOn}
        onValue={setAgreementExpiresOn}
      />
      <label>
        {t('partners.notes')}
        <textarea value={notes} rows={2} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <ErrorText error={error} />
      {saved && <p role="status">{t('partners.saved')}</p>}
      <div className="common-actions">
        {partner && (
          <button type="button" className="secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy || !name.trim() || !idValid}>
          {partner ? t('partners.save') : t('partners.register')}
        </button>
      </div>
    </Form>
  );
}
