// Translated labels for the enumerations the engine and the API use (statuses, kinds, decision states).
import type { TFunction } from 'i18next';
import { canonicalStatus, SESSION_KINDS } from '../../../shared/didit/statuses.js';
import type { Choice } from './FormFields.js';

export function statusLabel(t: TFunction, status: string): string {
  const canonical = canonicalStatus(status);
  return canonical ? t(`status.${canonical}`) : status;
}

export function kindLabel(t: TFunction, kind: 'user' | 'business'): string {
  return t(kind === 'user' ? 'kind.user' : 'kind.business');
}

/** Both kinds as select options. */
export function kindChoices(t: TFunction): Choice[] {
  return SESSION_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }));
}

export function decisionStateLabel(t: TFunction, state: string): string {
  return t(`decisionState.${state}`, { defaultValue: state });
}

/** A CSS modifier for a status badge. */
export function statusTone(status: string): 'review' | 'approved' | 'declined' | 'neutral' {
  switch (canonicalStatus(status)) {
    case 'In Review':
      return 'review';
    case 'Approved':
      return 'approved';
    case 'Declined':
      return 'declined';
    default:
      return 'neutral';
  }
}
