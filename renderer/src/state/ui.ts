// Navigation and dialogs. The view lives in the URL hash (#/inbox, #/decided, #/outbound, #/settings) so the
// navigation entries are real links and the back button works.
import { create } from 'zustand';

export const VIEWS = ['inbox', 'decided', 'outbound', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface DecideRequest {
  sessionId: string;
  subject: string;
  newStatus: 'Approved' | 'Declined';
}

interface UiState {
  view: View;
  /** The session shown in the detail pane. */
  openSessionId: string | null;
  importOpen: boolean;
  keysOpen: boolean;
  decide: DecideRequest | null;
  setView(view: View): void;
  openSession(id: string | null): void;
  setImportOpen(open: boolean): void;
  setKeysOpen(open: boolean): void;
  requestDecision(request: DecideRequest | null): void;
}

export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'inbox';
}

export const useUi = create<UiState>((set) => ({
  view: typeof location !== 'undefined' ? viewFromHash(location.hash) : 'inbox',
  openSessionId: null,
  importOpen: false,
  keysOpen: false,
  decide: null,
  setView: (view) => set({ view }),
  openSession: (openSessionId) => set({ openSessionId }),
  setImportOpen: (importOpen) => set({ importOpen }),
  setKeysOpen: (keysOpen) => set({ keysOpen }),
  requestDecision: (decide) => set({ decide }),
}));
