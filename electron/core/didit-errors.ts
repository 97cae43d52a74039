/**
 * The share and import routes answer with several errors on the same HTTP status (two 403s and two 404s on import).
 * They are told apart by the `detail` text, which real Didit sends; the sandbox's extra `code` is only a fallback.
 */
import { DiditError } from './errors.js';

const said = (detail: string | null) => (detail ? ` The server said: "${detail}"` : '');

/** Maps an import-shared failure; `generic` is the plain HTTP mapping used for anything not import-specific. */
export function importError(
  status: number,
  detail: string | null,
  code: string | undefined,
  generic: DiditError,
): DiditError {
  const text = `${detail ?? ''} ${code ?? ''}`.toLowerCase();
  const extra = { ...generic.extra };
  if (status === 401) {
    return new DiditError(
      'token_expired_or_invalid',
      `This share token is invalid or has expired. Ask the partner for a new token.${said(detail)}`,
      extra,
    );
  }
  if (status === 403) {
    if (/already/.test(text)) {
      return new DiditError(
        'token_already_imported',
        `This token has already been imported into this application; the session is in your queue.${said(detail)}`,
        extra,
      );
    }
    if (
      /not (issued|intended|meant)|another application|different application|other application|for_application|not_for/.test(
        text,
      )
    ) {
      return new DiditError(
        'token_not_for_application',
        `This token was issued for another application. Check the connection you redeem it with, or ask the partner to mint one for this application.${said(detail)}`,
        extra,
      );
    }
    return generic;
  }
  if (status === 404) {
    if (/workflow/.test(text)) {
      return new DiditError(
        'workflow_not_found',
        `The workflow was not found in this application. Pick one of this connection's workflows.${said(detail)}`,
        extra,
      );
    }
    return new DiditError(
      'source_session_deleted',
      `The partner's original session no longer exists, so it cannot be imported.${said(detail)}`,
      extra,
    );
  }
  if (status === 400 && /finished/.test(text)) {
    return new DiditError('session_not_finished', `The shared session is not finished yet.${said(detail)}`, extra);
  }
  return generic;
}

export function shareError(status: number, detail: string | null, generic: DiditError): DiditError {
  // for_application_id refused (400): an application the server does not know, or the caller's own.
  if (status === 400 && /for_application_id/i.test(detail ?? '')) {
    if (/own application|same application|itself|same_application/i.test(detail ?? '')) {
      return new DiditError('own_application', `A session cannot be shared with its own application.${said(detail)}`, {
        ...generic.extra,
      });
    }
    if (/not found|does not exist|unknown|invalid|deleted/i.test(detail ?? '')) {
      return new DiditError(
        'unknown_application',
        `The server knows no application with this id: check the partner's application id.${said(detail)}`,
        { ...generic.extra },
      );
    }
  }
  if (status === 400 && /finished/i.test(detail ?? '')) {
    return new DiditError(
      'session_not_finished',
      `Only finished sessions (Approved, Declined, In Review) can be shared.${said(detail)}`,
      { ...generic.extra },
    );
  }
  if (status === 404) {
    return new DiditError('not_found', `This session does not exist in the issuing application.${said(detail)}`, {
      ...generic.extra,
    });
  }
  return generic;
}
