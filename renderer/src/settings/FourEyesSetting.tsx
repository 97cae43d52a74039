// A connection's four-eyes policy (Settings → Connections): off, sessions with AML hits, or every session. Saved as
// soon as it is picked (Settings.fourEyes, keyed by connection id).
import { useTranslation } from 'react-i18next';
import { FOUR_EYES_POLICIES, type Connection, type FourEyesPolicy } from '../../../shared/reviewer-api.js';
import { useSettings } from '../state/settings.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';

export function FourEyesSetting({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { error, run } = useEngineAction();
  if (connection.role === 'issuer') return null;
  const current: FourEyesPolicy = settings.fourEyes?.[connection.id] ?? 'off';
  const choose = (value: FourEyesPolicy) =>
    run(() => update({ fourEyes: { ...settings.fourEyes, [connection.id]: value } }));
  const id = `four-eyes-${connection.id}`;
  return (
    <div className="settings-four-eyes">
      <label htmlFor={id}>{t('fourEyes.policy')}</label>{' '}
      <select id={id} value={current} onChange={(e) => void choose(e.target.value as FourEyesPolicy)}>
        {FOUR_EYES_POLICIES.map((p) => (
          <option key={p} value={p}>
            {t(`fourEyes.policies.${p}`)}
          </option>
        ))}
      </select>
      <p className="muted">{t('fourEyes.policyHint')}</p>
      <ErrorText error={error} />
    </div>
  );
}
