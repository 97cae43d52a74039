// Search, filters and sort of the queue. Every control has a visible label.
import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_FILTERS, STATUS_FILTER_OPTIONS, useFilters, type AgeFilter, type QueueFilters } from './filters.js';
import { useStatus } from '../state/status.js';
import { statusLabel } from '../common/labels.js';
import { useAsync } from '../common/useAsync.js';
import { api } from '../api.js';

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
      <label className="search-field">
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
      <div className="filter-grid">
        <label>
          {t('queue.status')}
          <select value={filters.status} onChange={(e) => set('status')(e.target.value as QueueFilters['status'])}>
            <option value="">{t('queue.anyStatus')}</option>
            {STATUS_FILTER_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('queue.kind')}
          <select value={filters.kind} onChange={(e) => set('kind')(e.target.value as QueueFilters['kind'])}>
            <option value="">{t('queue.anyKind')}</option>
            <option value="user">{t('kind.user')}</option>
            <option value="business">{t('kind.business')}</option>
          </select>
        </label>
        <label>
          {t('queue.connection')}
          <select value={filters.connectionId} onChange={(e) => set('connectionId')(e.target.value)}>
            <option value="">{t('queue.anyConnection')}</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
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
        <label>
          {t('queue.age')}
          <select value={filters.age} onChange={(e) => set('age')(e.target.value as AgeFilter)}>
            {AGE_FILTERS.map((a) => (
              <option key={a} value={a}>
                {t(`queue.ages.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('queue.sort')}
          <select value={filters.sort} onChange={(e) => set('sort')(e.target.value as QueueFilters['sort'])}>
            <option value="age">{t('queue.sortAge')}</option>
            <option value="risk">{t('queue.sortRisk')}</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filters.hasAmlHits} onChange={(e) => set('hasAmlHits')(e.target.checked)} />
          {t('queue.hasAmlHits')}
        </label>
        <button type="button" className="link-button" onClick={reset}>
          {t('queue.resetFilters')}
        </button>
      </div>
    </form>
  );
}
