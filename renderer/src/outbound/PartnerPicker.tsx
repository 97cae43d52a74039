// The receiving partner: one from the address book, or a pasted application id that can be saved under a name.
// Which of the two is derived from the value: an id in the address book selects that partner.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidSchema } from '../../../shared/didit/api.js';
import type { Connection, Partner } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { ErrorText } from '../common/ErrorText.js';
import { InputField } from '../common/FormFields.js';

const OTHER_PARTNER = '';

interface Props {
  partners: readonly Partner[];
  /** Our own other connections: sharing between two of our applications needs no address-book entry. */
  ownConnections: readonly Connection[];
  /** The chosen application id ('' while none). */
  value: string;
  onChange(applicationId: string): void;
  onSaved(): void;
}

export function PartnerPicker({ partners, ownConnections, value, onChange, onSaved }: Props) {
  const { t } = useTranslation();
  const own = ownConnections.filter((c) => !partners.some((p) => p.applicationId === c.applicationId));
  const known = partners.some((p) => p.applicationId === value) || own.some((c) => c.applicationId === value);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const idValid = uuidSchema.safeParse(value.trim()).success;

  const choose = (applicationId: string) => {
    setSaved(false);
    onChange(applicationId);
  };

  const save = async () => {
    setError(null);
    try {
      await api().savePartner({ name: name.trim(), applicationId: value.trim() });
      setSaved(true);
      setName('');
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <fieldset className="outbound-partner-picker">
      <legend>{t('outbound.partner')}</legend>
      <label>
        {t('outbound.partnerFromBook')}
        <select value={known ? value : OTHER_PARTNER} onChange={(e) => choose(e.target.value)}>
          <option value={OTHER_PARTNER}>{t('outbound.otherPartner')}</option>
          {partners.length > 0 && (
            <optgroup label={t('outbound.addressBook')}>
              {partners.map((p) => (
                <option key={p.id} value={p.applicationId}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          )}
          {own.length > 0 && (
            <optgroup label={t('outbound.ownConnections')}>
              {own.map((c) => (
                <option key={c.id} value={c.applicationId}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {!known && (
        <>
          <InputField
            label={t('outbound.partnerApplicationId')}
            className="mono outbound-wide"
            value={value}
            maxLength={100}
            spellCheck={false}
            aria-invalid={value.trim() !== '' && !idValid}
            onValue={choose}
          />
          {value.trim() !== '' && !idValid && (
            <p className="error" role="alert">
              {t('outbound.partnerIdInvalid')}
            </p>
          )}
          {idValid && (
            <div className="common-inline-form">
              <InputField label={t('outbound.partnerName')} value={name} maxLength={100} onValue={setName} />
              <button type="button" className="secondary" disabled={!name.trim()} onClick={save}>
                {t('outbound.savePartner')}
              </button>
            </div>
          )}
        </>
      )}
      {saved && <p role="status">{t('outbound.partnerSaved')}</p>}
      <ErrorText error={error} />
    </fieldset>
  );
}
