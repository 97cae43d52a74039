// How partners and workflows are named on screen: the registry's name, else our own connection of that application,
// else a shortened application id (never a bare UUID where a name is known).
import type { TFunction } from 'i18next';
import type { Connection, Partner, Workflow } from '../../../shared/reviewer-api.js';
import { kindLabel } from './labels.js';

export function applicationName(
  applicationId: string | null | undefined,
  partners: readonly Partner[],
  connections: readonly Pick<Connection, 'applicationId' | 'name'>[],
): string | null {
  if (!applicationId) return null;
  return (
    partners.find((p) => p.applicationId === applicationId)?.name ??
    connections.find((c) => c.applicationId === applicationId)?.name ??
    null
  );
}

/** A workflow by its label; one without a label by its kind and the start of its id. */
export function workflowLabel(t: TFunction, w: Workflow): string {
  return w.label && w.label.trim() !== ''
    ? `${w.label} (${kindLabel(t, w.session_kind)})`
    : t('partners.unnamedWorkflow', { kind: kindLabel(t, w.session_kind), id: w.id.slice(0, 8) });
}

/** A calendar day (YYYY-MM-DD, an agreement's expiry) in the UI's language, read as that day wherever the UI runs. */
export function formatDay(day: string | null | undefined, locale: string): string {
  if (!day) return '—';
  const date = new Date(`${day}T12:00:00`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
