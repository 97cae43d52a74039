// A "Remove" button that asks once before acting: the question, then Remove / Cancel. Used for connections and
// partners, whose removal deletes stored keys or defaults.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RemoveWithConfirm({
  question,
  label,
  onRemove,
  busy = false,
}: {
  /** Asked before removing, naming what goes. */
  question: string;
  /** The accessible name of the first button (e.g. "Remove Harbor Pay"). */
  label: string;
  onRemove: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={label}>
        {t('settings.remove')}
      </button>
    );
  }
  return (
    <>
      <span>{question}</span>
      <button type="button" className="danger" disabled={busy} onClick={onRemove}>
        {t('settings.confirmRemove')}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
    </>
  );
}
