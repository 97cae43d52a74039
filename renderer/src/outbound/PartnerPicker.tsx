// The receiving partner: one of the registry (minting goes to registered partners only), with its data-sharing
// agreement's state; an application not registered yet can be registered here under a name, then chosen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidSchema } from '../../../shared/didit/api.js';
import type { Partner } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { InputField } from '../common/FormFields.js';
import { formatDay } from '../common/partners.js';
import { usePartnerStore } from '../state/partners.js';
import { agreementState } from '../settings/PartnersSettings.js';

const REGISTER = '';

interface Props {
  partners: readonly Partner[];
  /** The issuing connection's own application: never a partner of its own sessions. */
  ownApplicationId: string | null;
  /** The chosen application id ('' while none). */
  value: string;
  onChange(applicationId: string): void;
}

export function PartnerPicker({ partners, ownApplicationId, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const eligible = partners.filter((p) => p.applicationId !== ownApplicationId);
  const chosen = eligible.find((p) => p.applicationId === value);
  const [name, setName] = useState('');
  const [applicationId, setApplicationId] = useState('');
  const { error, run } = useEngineAction();
  const idValid = uuidSchema.safeParse(applicationId.trim()).success;

  const register = () =>
    void run(async () => {
      const saved = await api().savePartner({ name: name.trim(), applicationId: applicationId.trim() });
      await usePartnerStore.getState().refresh();
      setName('');
      setApplicationId('');
      onChange(saved.applicationId);
    });

  const agreement = chosen ? agreementState(chosen) : null;
  return (
    <fieldset className="outbound-partner-picker">
      <legend>{t('outbound.partner')}</legend>
      <label>
        {t('outbound.partnerFromRegistry')}
        <select value={chosen ? value : REGISTER} onChange={(e) => onChange(e.target.value)}>
          <option value={REGISTER}>{t('outbound.registerPartnerOption')}</option>
          {eligible.map((p) => (
            <option key={p.id} value={p.applicationId}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && agreement && (
        <p className={agreement === 'valid' ? 'muted' : 'common-notice'}>
          {agreement === 'valid'
            ? t('outbound.agreementValid', {
                reference: chosen.agreementReference,
                date: formatDay(chosen.agreementExpiresOn, i18n.language),
              })
            : agreement === 'expired'
              ? t('outbound.agreementExpired', {
                  reference: chosen.agreementReference,
                  date: formatDay(chosen.agreementExpiresOn, i18n.language),
                })
              : t('outbound.agreementNone')}
          <span className="muted mono outbound-partner-id"> {chosen.applicationId}</span>
        </p>
      )}
      {!chosen && (
        <div className="common-inline-form">
          <InputField
            label={t('outbound.partnerApplicationId')}
            className="mono outbound-wide"
            value={applicationId}
            maxLength={100}
            spellCheck={false}
            aria-invalid={applicationId.trim() !== '' && !idValid}
            onValue={setApplicationId}
          />
          <InputField label={t('outbound.partnerName')} value={name} maxLength={100} onValue={setName} />
          <button type="button" className="secondary" disabled={!name.trim() || !idValid} onClick={register}>
            {t('outbound.registerPartner')}
          </button>
        </div>
      )}
      {!chosen && applicationId.trim() !== '' && !idValid && (
        <p className="error" role="alert">
          {t('outbound.partnerIdInvalid')}
        </p>
      )}
      <ErrorText error={error} />
    </fieldset>
  );
}
