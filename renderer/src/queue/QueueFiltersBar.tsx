// Search, filters and sort of the queue. Every control has a visible label.
import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGE_FILTERS,
  STATUS_FILTER_OPTIONS,
  activeFilterCount,
  useFilters,
  type AgeFilter,
  type QueueFilters,
} from './filters.js';
import { useStatus } from '../state/status.js';
import { useUi } from '../state/ui.js';
import { kindChoices, statusLabel } from '../common/labels.js';
import { CheckboxField, SelectField } from '../common/FormFields.js';
import { usePartners } from '../state/partners.js';
import type { Connection, Partner } from '../../../shared/reviewer-api.js';

interface Props {
  searchRef: RefObject<HTMLInputElement | null>;
  /** Escape in the search box: back to the list, so j/k move it again. */
  onLeaveSearch(): void;
}

export function QueueFiltersBar({ searchRef, onLeaveSearch }: Props) {
  const { t } = useTranslation();
  const { filters, setFilter, reset, panelOpen, setPanelOpen } = useFilters();
  const panelId = useId();
  const active = activeFilterCount(filters);
  const connections = useStatus((s) => s.connections);
  const partners = usePartners();
  const set =
    <K extends keyof QueueFilters>(key: K) =>
    (value: QueueFilters[K]) =>
      setFilter(key, value);

  return (
    <form className="queue-filters" role="search" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="queue-search-row">
        <label className="queue-search">
          <input
            ref={searchRef}
            type="search"
            aria-label={t('queue.search')}
            placeholder={t('queue.searchPlaceholder')}
            value={filters.search}
            maxLength={200}
            onChange={(e) => setFilter('search', e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              // Keeps the search (a search box would clear itself): Escape only leaves it.
              e.preventDefault();
              onLeaveSearch();
            }}
          />
        </label>
        <button
          type="button"
          className="secondary queue-filters-toggle"
          aria-expanded={panelOpen}
          aria-controls={panelId}
          onClick={() => setPanelOpen(!panelOpen)}
        >
          {active > 0 ? t('queue.filtersToggleActive', { count: active }) : t('queue.filtersToggle')}
        </button>
      </div>
      <div className="queue-filter-grid" id={panelId} hidden={!panelOpen}>
        <SelectField
          label={t('queue.status')}
          value={filters.status}
          choices={STATUS_FILTER_OPTIONS.map((s) => ({ value: s, label: statusLabel(t, s) }))}
          emptyChoice={t('queue.anyStatus')}
          onValue={(v) => set('status')(v as QueueFilters['status'])}
        />
        <SelectField
          label={t('queue.kind')}
          value={filters.kind}
          choices={kindChoices(t)}
          emptyChoice={t('queue.anyKind')}
          onValue={(v) => set('kind')(v as QueueFilters['kind'])}
        />
        <SelectField
          label={t('queue.connection')}
          value={filters.connectionId}
          choices={connections.map((c) => ({ value: c.id, label: c.name }))}
          emptyChoice={t('queue.anyConnection')}
          onValue={set('connectionId')}
        />
        <SelectField
          label={t('queue.sourcePartner')}
          value={filters.sourceApplicationId}
          choices={partnerChoices(partners, connections, filters.sourceApplicationId)}
          emptyChoice={t('queue.anyPartner')}
          onValue={set('sourceApplicationId')}
        />
        <SelectField
          label={t('queue.age')}
          value={filters.age}
          choices={AGE_FILTERS.map((a) => ({ value: a, label: t(`queue.ages.${a}`) }))}
          onValue={(v) => set('age')(v as AgeFilter)}
        />
        <SelectField
          label={t('queue.sort')}
          value={filters.sort}
          choices={[
            { value: 'age', label: t(useUi.getState().view === 'decided' ? 'queue.sortDecided' : 'queue.sortAge') },
            { value: 'risk', label: t('queue.sortRisk') },
          ]}
          onValue={(v) => set('sort')(v as QueueFilters['sort'])}
        />
        <CheckboxField label={t('queue.hasAmlHits')} checked={filters.hasAmlHits} onChecked={set('hasAmlHits')} />
        <button type="button" className="link-button" onClick={reset}>
          {t('queue.resetFilters')}
        </button>
      </div>
    </form>
  );
}

/** The partner filter's choices: registered partners, then our own other applications, by name (never a typed id). */
function partnerChoices(
  partners: readonly Partner[],
  connections: readonly Connection[],
  current: string,
): { value: string; label: string }[] {
  const choices = partners.map((p) => ({ value: p.applicationId, label: p.name }));
  for (const c of connections) {
    if (!choices.some((x) => x.value === c.applicationId)) choices.push({ value: c.applicationId, label: c.name });
  }
  if (current && !choices.some((x) => x.value === current)) choices.push({ value: current, label: current });
  return choices;
}
