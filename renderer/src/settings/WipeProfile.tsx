// Wiping the profile deletes the cache, keys and settings. The user must type the confirmation word first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';

export function WipeProfile() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const word = t('settings.wipeWord');
  const matches = typed.trim() === word;

  const wipe = async () => {
    setBusy(true);
    setError(null);
    try {
      await api().wipeProfile({ confirm: true });
      location.reload();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Section title={t('settings.wipe')} className="danger-zone">
      <p>{t('settings.wipeExplain')}</p>
      <form
        noValidate
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (matches) void wipe();
        }}
      >
        <label>
          {t('settings.wipeType', { word })}
          <input value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="danger" disabled={!matches || busy}>
          {t('settings.wipeButton')}
        </button>
      </form>
      <ErrorText error={error} />
    </Section>
  );
}
