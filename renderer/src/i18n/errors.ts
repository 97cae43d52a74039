// Errors cross the bridge as `{code, message, field?}` (a ReviewerError in the browser host, a plain object from
// Electron's preload). The UI shows its own translation of `code`; anything else is an internal error.
import type { TFunction } from 'i18next';
import {
  REVIEWER_ERROR_CODES,
  type ReviewerErrorBody,
  type ReviewerErrorCode,
} from '../../../shared/reviewer-errors.js';

export function errorBody(error: unknown): ReviewerErrorBody {
  if (error !== null && typeof error === 'object') {
    const { code, message, field } = error as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof code === 'string' && (REVIEWER_ERROR_CODES as readonly string[]).includes(code)) {
      return {
        code: code as ReviewerErrorCode,
        message: typeof message === 'string' ? message : '',
        ...(typeof field === 'string' && field ? { field } : {}),
      };
    }
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** The translated sentence for an error, naming the field when the engine said which one. */
export function errorText(t: TFunction, error: unknown): string {
  const body = errorBody(error);
  const text = t(`errors.${body.code}`);
  return body.field ? t('errors.withField', { text, field: fieldLabel(t, body.field) }) : text;
}

function fieldLabel(t: TFunction, field: string): string {
  return t(`fields.${field}`, { defaultValue: field });
}
