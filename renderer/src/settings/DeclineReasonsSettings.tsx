// The decline reasons a decline picks from: code plus English and Spanish labels, saved with the settings.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/reviewer-api.js';
import type { DeclineReason } from '../../../shared/decision-text.js';
import { useSettings } from '../state/settings.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { Form, InputField } from '../common/FormFields.js';

export function DeclineReasonsSettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [draft, setDraft] = useState<DeclineReason[]>(settings.declineReasons);
  const { error, run } = useEngineAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings.declineReasons), [settings.declineReasons]);
  const normalized = draft.map((r) => ({ code: r.code.trim().toUpperCase(), en: r.en.trim(), es: r.es.trim() }));
  const check = settingsSchema.shape.declineReasons.safeParse(normalized);

  const change = (index: number, patch: Partial<DeclineReason>) => {
    setSaved(false);
    setDraft((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  };
  const save = async () => {
    if (!check.success) return;
    await run(async () => {
      await update({ declineReasons: check.data });
      setSaved(true);
    });
  };

  return (
    <Section title={t('reasons.title')}>
      <p className="muted">{t('reasons.hint')}</p>
      <Form onSubmit={save}>
        <ul className="settings-reasons">
          {draft.map((r, i) => (
            <li key={i} className="settings-reason">
              <InputField
                label={t('reasons.code')}
                value={r.code}
                maxLength={40}
                className="mono"
                onValue={(v) => change(i, { code: v })}
              />
              <InputField
                label={t('reasons.labelEn')}
                lang="en"
                value={r.en}
                maxLength={120}
                onValue={(v) => change(i, { en: v })}
              />
              <InputField
                label={t('reasons.labelEs')}
                lang="es"
                value={r.es}
                maxLength={120}
                onValue={(v) => change(i, { es: v })}
              />
              <button
                type="button"
                className="secondary small"
                aria-label={t('reasons.remove', { code: r.code })}
                disabled={draft.length <= 1}
                onClick={() => {
                  setSaved(false);
                  setDraft((list) => list.filter((_, j) => j !== i));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {!check.success && <p className="error">{t('reasons.invalid')}</p>}
        <ErrorText error={error} />
        <div className="common-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setSaved(false);
              setDraft((list) => [...list, { code: '', en: '', es: '' }]);
            }}
          >
            {t('reasons.add')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setSaved(false);
              setDraft(DEFAULT_SETTINGS.declineReasons);
            }}
          >
            {t('reasons.reset')}
          </button>
          <button type="submit" className="primary" disabled={!check.success}>
            {t('reasons.save')}
          </button>
          {saved && (
            <span role="status" className="success">
              {t('settings.saved')}
            </span>
          )}
        </div>
      </Form>
    </Section>
  );
}
