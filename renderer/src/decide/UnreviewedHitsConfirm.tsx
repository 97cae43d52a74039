// Approving a session whose AML hits are not all dispositioned (Settings: AML approve policy). The engine answers the
// first attempt with a validation error on `confirmUnreviewedHits` (confirm policy) or `unreviewedHits` (block
// policy); this turns the first into an explicit checkbox and the second into a plain explanation.
import { useTranslation } from 'react-i18next';
import { errorBody } from '../i18n/errors.js';

/** Whether an error from decide asks for the explicit confirmation. */
export function needsHitConfirmation(error: unknown): boolean {
  return error !== null && errorBody(error).field === 'confirmUnreviewedHits';
}

export function UnreviewedHitsConfirm({
  error,
  checked,
  onChange,
}: {
  error: unknown;
  checked: boolean;
  onChange(value: boolean): void;
}) {
  const { t } = useTranslation();
  if (error !== null && errorBody(error).field === 'unreviewedHits') {
    return (
      <p className="error" role="alert">
        {t('amlPolicy.blocked')}
      </p>
    );
  }
  if (!needsHitConfirmation(error) && !checked) return null;
  return (
    <label className="decide-confirm-hits" role="alert">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {t('amlPolicy.confirmApprove')}
    </label>
  );
}
