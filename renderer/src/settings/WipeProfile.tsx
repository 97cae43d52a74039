// Wiping the profile deletes the cache, keys and settings. The user must type the confirmation word first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge/engine-access.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { Form, InputField } from '../common/FormFields.js';

export function WipeProfile() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useEngineAction();
  const word = t('settings.wipeWord');
  const matches = typed.trim() === word;

  const wipe = () =>
    run(
      async () => {
        await api().wipeProfile({ confirm: true });
        location.reload();
      },
      { leaving: true },
    );

  return (
    <Section title={t('settings.wipe')} className="settings-danger-zone">
      <p>{t('settings.wipeExplain')}</p>
      <Form className="common-inline-form" onSubmit={() => matches && wipe()}>
        <InputField label={t('settings.wipeType', { word })} value={typed} autoComplete="off" onValue={setTyped} />
        <button type="submit" className="danger" disabled={!matches || busy}>
          {t('settings.wipeButton')}
        </button>
      </Form>
      <ErrorText error={error} />
    </Section>
  );
}
