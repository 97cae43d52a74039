// Search, filters and sort of the queue. Every control has a visible label.
import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_FILTERS, STATUS_FILTER_OPTIONS, useFilters, type AgeFilter, type QueueFilters } from './filters.js';
import { useStatus } from '../state/status.js';
import { kindChoices, statusLabel } from '../common/labels.js';
import { useAsync } from '../common/useAsync.js';
import { CheckboxField, SelectField } from '../common/FormFields.js';
import { api } from '../bridge/engine-access.js';

export function QueueFiltersBar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const { filters, setFilter, reset } = useFilters();
  const connections = useStatus((s) => s.connections);
  const partners = useAsync(() => api().listPartners({}), []);
  const partnerListId = useId();
  const set =
    <K extends keyof QueueFilters>(key: K) =>
    (value: QueueFilters[K]) =>
      setFilter(key, value);

  return (
    <form className="queue-filters" role="search" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
      <label className="queue-search">
        <input
          ref={searchRef}
          type="search"
          aria-label={t('queue.search')}
          placeholder={t('queue.searchPlaceholder')}
          value={filters.search}
          maxLength={200}
          onChange={(e) => setFilter('search', e.target.value)}
        />
      </label>
      <div className="queue-filter-grid">
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
        <label>
          {t('queue.sourcePartner')}
          <input
            list={partnerListId}
            value={filters.sourceApplicationId}
            maxLength={200}
            placeholder={t('queue.sourcePartnerPlaceholder')}
            onChange={(e) => set('sourceApplicationId')(e.target.value)}
          />
          <datalist id={partnerListId}>
            {(partners.data ?? []).map((p) => (
              <option key={p.id} value={p.applicationId}>
                {p.name}
              </option>
            ))}
          </datalist>
        </label>
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
            { value: 'age', label: t('queue.sortAge') },
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
