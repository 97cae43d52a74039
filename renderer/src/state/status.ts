// Engine status for the frame (connections online, outbox, sync progress, keychain mode), fed by getStatus and
// kept current by events; also the change counters other views watch to refetch.
import { create } from 'zustand';
import type { AppStatus, Connection, ReviewerEvent } from '../../../shared/reviewer-api.js';
import { api } from '../api.js';

interface StatusState {
  status: AppStatus | null;
  connections: Connection[];
  loadError: unknown;
  /** Bumped when sessions change (events); views holding session data refetch on a new value. */
  sessionsVersion: number;
  /** The sessions the last bump was about; empty when any session may have changed. */
  changedSessionIds: ReadonlySet<string>;
  refresh(): Promise<void>;
  refreshConnections(): Promise<void>;
  applyEvent(event: ReviewerEvent): void;
  /** After our own change to these sessions (a decision, an import): views refetch without waiting for events. */
  touchSessions(ids: readonly string[]): void;
}

export const useStatus = create<StatusState>((set, get) => ({
  status: null,
  connections: [],
  loadError: null,
  sessionsVersion: 0,
  changedSessionIds: new Set(),
  async refresh() {
    try {
      set({ status: await api().getStatus({}), loadError: null });
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
  touchSessions(ids) {
    set({ sessionsVersion: get().sessionsVersion + 1, changedSessionIds: new Set(ids) });
  },
  applyEvent(event) {
    const { status } = get();
    switch (event.type) {
      case 'sync.progress': {
        if (!status) return;
        const others = status.sync.filter((s) => s.connectionId !== event.progress.connectionId);
        set({ status: { ...status, sync: [...others, event.progress] } });
        return;
      }
      case 'connection.state': {
        if (status) {
          const connections = status.connections.map((c) =>
            c.id === event.connectionId ? { ...c, online: event.online } : c,
          );
          set({ status: { ...status, connections } });
        }
        set({
          connections: get().connections.map((c) =>
            c.id === event.connectionId ? { ...c, online: event.online, lastError: event.error } : c,
          ),
        });
        return;
      }
      case 'outbox.changed':
        if (status) set({ status: { ...status, outbox: { pending: event.pending, conflicts: event.conflicts } } });
        // A decision moved (queued → synced / conflict): rows and the open session show it.
        set({ sessionsVersion: get().sessionsVersion + 1, changedSessionIds: new Set() });
        return;
      case 'sessions.changed':
        set({ sessionsVersion: get().sessionsVersion + 1, changedSessionIds: new Set(event.sessionIds) });
        return;
      case 'imports.arrived':
        set({ sessionsVersion: get().sessionsVersion + 1, changedSessionIds: new Set() });
        return;
    }
  },
}));
