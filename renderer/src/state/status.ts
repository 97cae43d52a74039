// Engine status for the frame (outbox counts, sync progress, keychain mode, webhook) and the one list of
// connections every view reads, fed by getStatus and listConnections and kept current by events.
import { create } from 'zustand';
import type { AppStatus, Connection, ReviewerEvent } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';

/** getStatus without its connections: those live in `connections`, the one list. */
export type StatusSummary = Omit<AppStatus, 'connections'>;

interface StatusState {
  status: StatusSummary | null;
  /** Every connection, as listConnections gives them; `online` follows events and getStatus. */
  connections: Connection[];
  loadError: unknown;
  /** getStatus; fetches the connections too when getStatus knows others than the list. */
  refresh(): Promise<void>;
  refreshConnections(): Promise<void>;
  applyEvent(event: ReviewerEvent): void;
}

export const useStatus = create<StatusState>((set, get) => ({
  status: null,
  connections: [],
  loadError: null,
  async refresh() {
    try {
      const { connections: states, ...status } = await api().getStatus({});
      const known = get().connections;
      const same =
        states.length === known.length && states.every((s) => known.some((c) => c.id === s.id && c.name === s.name));
      set({
        status,
        loadError: null,
        connections: known.map((c) => ({ ...c, online: states.find((s) => s.id === c.id)?.online ?? c.online })),
      });
      if (!same) await get().refreshConnections();
    } catch (error) {
      set({ loadError: error });
    }
  },
  async refreshConnections() {
    try {
      set({ connections: await api().listConnections({}) });
    } catch (error) {
      set({ loadError: error });
    }
  },
  applyEvent(event) {
    const { status } = get();
    switch (event.type) {
      case 'sync.progress': {
        // Before the first status arrived: ask again, as the answer on its way may predate this progress.
        if (!status) {
          void get().refresh();
          return;
        }
        const others = status.sync.filter((s) => s.connectionId !== event.progress.connectionId);
        set({ status: { ...status, sync: [...others, event.progress] } });
        return;
      }
      case 'connection.state':
        set({
          connections: get().connections.map((c) =>
            c.id === event.connectionId ? { ...c, online: event.online, lastError: event.error } : c,
          ),
        });
        return;
      case 'outbox.changed':
        if (status) set({ status: { ...status, outbox: { pending: event.pending, conflicts: event.conflicts } } });
        return;
      case 'sessions.changed':
        // No ids: anything may have changed. The browser bridge says so when its event stream (re)opens, as events
        // sent before were lost: a sync that began meanwhile would otherwise never show its progress.
        if (event.sessionIds.length === 0) void get().refresh();
        return;
      default:
        return;
    }
  },
}));
