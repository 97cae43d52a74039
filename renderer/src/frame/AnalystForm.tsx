// Name and email of the profile's analyst: used by the first-start prompt and by Settings. Checked here by hand,
// not with reviewer-api's zod schema (which the engine applies): the frame is in the first chunk, and importing the
// schemas there would build them before zod is told not to compile with `new Function` (see QueueView.tsx).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Analyst } from '../../../shared/reviewer-api.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { Form, InputField } from '../common/FormFields.js';
import { useAnalyst } from './analyst.js';

export function AnalystForm({
  initial,
  submitLabel,
  onSaved,
}: {
  initial: Analyst;
  submitLabel: string;
  onSaved?(): void;
}) {
  const { t } = useTranslation();
  const save = useAnalyst((s) => s.save);
  const [name, setName] = useState(initial.name);
  const [email, setEmail] = useState(initial.email);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const { error, run } = useEngineAction();
  const candidate: Analyst = { name: name.trim(), email: email.trim() };
  const bad = new Set<string>();
  if (candidate.name.length === 0 || candidate.name.length > 100) bad.add('name');
  if (candidate.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(candidate.email)) bad.add('email');

  const submit = async () => {
    setTouched(true);
    if (bad.size > 0) return;
    await run(async () => {
      await save(candidate);
      setSaved(true);
      onSaved?.();
    });
  };

  return (
    <Form onSubmit={submit}>
      <div className="common-form-grid">
        <InputField
          label={t('analyst.name')}
          value={name}
          maxLength={100}
          autoComplete="name"
          aria-invalid={touched && bad.has('name')}
          onValue={(v) => {
            setName(v);
            setSaved(false);
          }}
        />
        <InputField
          label={t('analyst.email')}
          type="email"
          value={email}
          maxLength={200}
          autoComplete="email"
          aria-invalid={touched && bad.has('email')}
          onValue={(v) => {
            setEmail(v);
            setSaved(false);
          }}
        />
      </div>
      {touched && bad.has('name') && <p className="error">{t('analyst.nameMissing')}</p>}
      {touched && bad.has('email') && <p className="error">{t('analyst.emailInvalid')}</p>}
      <ErrorText error={error} />
      <div className="common-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {saved && (
          <span role="status" className="success">
            {t('analyst.saved')}
          </span>
        )}
      </div>
    </Form>
  );
}
