// The queue: filters on top, then a virtualized listbox that pages through listSessions as the user scrolls, so
// 100,000 sessions cost no more than the few hundred rows around the viewport.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge/engine-access.js';
import { useFilters, toQueueQuery } from './filters.js';
import { QueuePageCache } from './pageCache.js';
import { QueueRowView, queueRowDomId } from './QueueRowView.js';
import { QueueFiltersBar } from './QueueFiltersBar.js';
import { useQueueKeys } from './useQueueKeys.js';
import { followSelection, type SelectedRow } from './followSelection.js';
import { useSessionsChanged } from '../state/sessions.js';
import { useStatus } from '../state/status.js';
import { useUi } from '../state/ui.js';
import { useDebounced } from '../common/useDebounced.js';
import { ErrorText } from '../common/ErrorText.js';
import { formatNumber } from '../common/format.js';
import './queue.css';

const ROW_HEIGHT = 64;

export function QueueView({ view }: { view: 'inbox' | 'decided' }) {
  const { t, i18n } = useTranslation();
  const filters = useFilters((s) => s.filters);
  const search = useDebounced(filters.search, 250);
  const queryKey = JSON.stringify(toQueueQuery(view, { ...filters, search }));
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const cache = useMemo(() => {
    const query = JSON.parse(queryKey) as ReturnType<typeof toQueueQuery>;
    return new QueuePageCache((offset, limit) => api().listSessions({ ...query, offset, limit }), rerender);
  }, [queryKey]);
  useEffect(() => () => cache.dispose(), [cache]);

  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [cache]);
  const openSessionId = useUi((s) => s.openSessionId);
  const openSession = useUi((s) => s.openSession);

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const total = cache.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 40;
  useEffect(() => cache.ensure(first, last), [cache, first, last]);

  // Refetch what is on screen when a session may have joined or left this view, or a row it shows changed; a
  // decision moving on (sending, synced) for a session not shown here changes nothing here.
  useSessionsChanged((changes) => {
    const shown = [...changes.decisions].some((id) => cache.holds(id));
    if (changes.all || changes.sessions.size > 0 || shown) cache.invalidate(first, last);
  });

  const select = useCallback(
    (index: number) => {
      if (total === 0) return;
      const next = Math.min(Math.max(0, index), total - 1);
      setSelected(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [total, virtualizer],
  );
  // A click opens the session the row showed (rows move while a sync fills the list); a key, the row there now.
  const pick = useCallback(
    (index: number, sessionId = cache.row(index)?.id) => {
      setSelected(index);
      if (sessionId) openSession(sessionId);
    },
    [cache, openSession],
  );
  // The detail follows the selection (followSelection.ts): j/k, or the decided case leaving the list, open the row
  // now selected; a list that moved under the open case keeps it and moves the selection to it.
  const selectedId = cache.row(selected)?.id ?? null;
  const lastSelected = useRef<SelectedRow | null>(null);
  useEffect(() => {
    const before = lastSelected.current;
    lastSelected.current = selectedId === null ? null : { index: selected, id: selectedId };
    if (lastSelected.current === null) return;
    const action = followSelection(before, lastSelected.current, useUi.getState().openSessionId, (id) =>
      cache.indexOf(id),
    );
    if (action?.kind === 'open') openSession(action.id);
    if (action?.kind === 'move') {
      lastSelected.current = { index: action.index, id: before!.id };
      setSelected(action.index);
    }
  }, [cache, selected, selectedId, openSession]);
  // A new query (filters, search) starts a new list: nothing to follow until a row is picked in it.
  useEffect(() => {
    lastSelected.current = null;
  }, [cache]);
  // Keys act on the selected row while it is on screen; after the user scrolled it away, on the first one shown.
  const shown = virtualizer.range ?? { startIndex: first, endIndex: last };
  const anchor = selected >= shown.startIndex && selected <= shown.endIndex ? selected : shown.startIndex;
  const notice = useQueueKeys({ selected: anchor, select, pick, searchRef });
  const leaveSearch = useCallback(() => scrollRef.current?.focus(), []);
  const connections = useStatus((s) => s.connections);
  const statusLoaded = useStatus((s) => s.status !== null);
  // (Not reviewer-api's `receives`: importing its schemas into the first chunk would run zod before jitless is set.)
  const noReceiver = statusLoaded && !connections.some((c) => c.role !== 'issuer');

  return (
    <section className="queue" aria-label={t(view === 'inbox' ? 'nav.inbox' : 'nav.decided')}>
      <QueueFiltersBar searchRef={searchRef} onLeaveSearch={leaveSearch} />
      <div className="queue-summary" aria-live="polite">
        {cache.total === null
          ? t('queue.loading')
          : t('queue.count', { count: total, formatted: formatNumber(total, i18n.language) })}
      </div>
      <ErrorText error={cache.error} />
      {cache.total === 0 &&
        (noReceiver ? (
          <div className="queue-empty queue-empty-setup" role="note">
            <p>{t('queue.noConnection')}</p>
            <a href="#/settings">{t('queue.openSettings')}</a>
          </div>
        ) : (
          <p className="queue-empty">{t('queue.empty')}</p>
        ))}
      {notice && (
        <p className="common-notice queue-notice" role="status">
          {notice}
        </p>
      )}
      <div
        ref={scrollRef}
        className="queue-scroll"
        role="listbox"
        aria-label={t('queue.sessions')}
        tabIndex={0}
        aria-activedescendant={total > 0 && cache.row(selected) ? queueRowDomId(selected) : undefined}
      >
        <div className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = cache.row(item.index);
            return (
              // Keyed by session once loaded, so a row's element stays that session's while a sync reorders the list.
              <div
                key={row ? row.id : item.key}
                className="queue-slot"
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  <QueueRowView
                    row={row}
                    index={item.index}
                    total={total}
                    selected={item.index === selected}
                    open={row.id === openSessionId}
                    onPick={pick}
                  />
                ) : (
                  <div className="queue-row queue-row-placeholder" aria-hidden="true" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
