// Queue filters as the user sets them, and their translation into a listSessions query.
import { create } from 'zustand';
import { KYC_STATUSES, statusForKind, isStatusOfKind, type KycStatus } from '../../../shared/didit/statuses.js';
import type { QueueQuery } from '../../../shared/reviewer-api.js';

export const AGE_FILTERS = ['any', 'today', 'week', 'olderThanWeek', 'olderThanMonth'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];

export interface QueueFilters {
  search: string;
  status: KycStatus | '';
  kind: 'user' | 'business' | '';
  connectionId: string;
  sourceApplicationId: string;
  hasAmlHits: boolean;
  age: AgeFilter;
  sort: 'age' | 'risk';
}

export const DEFAULT_FILTERS: QueueFilters = {
  search: '',
  status: '',
  kind: '',
  connectionId: '',
  sourceApplicationId: '',
  hasAmlHits: false,
  age: 'any',
  sort: 'age',
};

export const STATUS_FILTER_OPTIONS: readonly KycStatus[] = KYC_STATUSES;

const AGE_BOUNDS: Record<AgeFilter, Pick<QueueQuery, 'minAgeDays' | 'maxAgeDays'>> = {
  any: {},
  today: { maxAgeDays: 0 },
  week: { maxAgeDays: 7 },
  olderThanWeek: { minAgeDays: 7 },
  olderThanMonth: { minAgeDays: 30 },
};

/** A status filter matches both spellings (KYB sessions may carry `IN_REVIEW` or `In Review`). */
function statusSpellings(status: KycStatus): string[] {
  return isStatusOfKind(status, 'business') ? [status, statusForKind(status, 'business')] : [status];
}

export function toQueueQuery(view: 'inbox' | 'decided', filters: QueueFilters): Omit<QueueQuery, 'offset' | 'limit'> {
  const search = filters.search.trim();
  const source = filters.sourceApplicationId.trim();
  return {
    view,
    // The Decided view's default order is decision time, newest first (who decided and when shows on the case).
    sort: view === 'decided' && filters.sort === 'age' ? 'decided' : filters.sort,
    ...(filters.status ? { statuses: statusSpellings(filters.status) } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.connectionId ? { connectionId: filters.connectionId } : {}),
    ...(source ? { sourceApplicationId: source.slice(0, 200) } : {}),
    ...(filters.hasAmlHits ? { hasAmlHits: true } : {}),
    ...(search ? { search: search.slice(0, 200) } : {}),
    ...AGE_BOUNDS[filters.age],
  };
}

/** How many filters differ from the defaults (search aside): shown on the collapsed panel's toggle. */
export function activeFilterCount(filters: QueueFilters): number {
  return (Object.keys(DEFAULT_FILTERS) as (keyof QueueFilters)[]).filter(
    (key) => key !== 'search' && filters[key] !== DEFAULT_FILTERS[key],
  ).length;
}

interface FiltersState {
  filters: QueueFilters;
  /** The filter panel is folded by default, so more rows fit; the search box stays. */
  panelOpen: boolean;
  setFilter<K extends keyof QueueFilters>(key: K, value: QueueFilters[K]): void;
  setPanelOpen(open: boolean): void;
  reset(): void;
}

export const useFilters = create<FiltersState>((set) => ({
  filters: DEFAULT_FILTERS,
  panelOpen: false,
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  reset: () => set({ filters: DEFAULT_FILTERS }),
}));
