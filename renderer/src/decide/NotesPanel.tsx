// A note on the open session that leaves its status alone. Didit documents no API for that, so notes stay in this
// profile, and the panel says so. The notes themselves are listed in the timeline, with analyst and time.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { Form } from '../common/FormFields.js';

const NOTE_MAX = 5000;

export function NotesPanel({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState(false);
  const { busy, error, run } = useEngineAction();

  const add = async () => {
    if (text.trim() === '') {
      setMissing(true);
      return;
    }
    await run(async () => {
      // The engine announces the change (sessions.changed): the timeline refetches and shows the note.
      await api().addNote({ sessionId: detail.row.id, text: text.trim() });
      setText('');
      setAdded(true);
    });
  };

  return (
    <Form onSubmit={add} className="decide-notes common-stack" aria-label={t('notes.title')}>
      <label>
        {t('notes.label')}
        <textarea
          value={text}
          rows={2}
          maxLength={NOTE_MAX}
          placeholder={t('notes.placeholder')}
          aria-invalid={missing}
          onChange={(e) => {
            setText(e.target.value);
            setMissing(false);
            setAdded(false);
          }}
        />
      </label>
      {missing && (
        <p className="error" role="alert">
          {t('notes.missing')}
        </p>
      )}
      <p className="muted">{t('notes.localOnly')}</p>
      <ErrorText error={error} />
      <div className="common-actions">
        <button type="submit" className="secondary" disabled={busy}>
          {t('notes.add')}
        </button>
        {added && (
          <span role="status" className="success">
            {t('notes.added')}
          </span>
        )}
      </div>
    </Form>
  );
}
