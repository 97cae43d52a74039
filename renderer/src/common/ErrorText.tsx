// A translated error from any engine call, announced to screen readers.
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errors.js';

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {errorText(t, error)}
    </p>
  );
}
