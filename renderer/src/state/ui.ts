// Navigation and dialogs. The view lives in the URL hash (#/inbox, #/decided, #/outbound, #/settings) so the
// navigation entries are real links and the back button works.
import { create } from 'zustand';
import type { SessionStep } from '../../../shared/session-steps.js';

export const VIEWS = ['inbox', 'decided', 'outbound', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface DecideRequest {
  sessionId: string;
  subject: string;
  newStatus: 'Approved' | 'Declined' | 'Resubmitted';
  /** A reversal: the decided status (Approved / Declined) the session is changed from. */
  reverseFrom?: string;
  /** For a resubmission request: the session's steps to choose from (shared/session-steps.ts). */
  steps?: readonly SessionStep[];
  /** Four-eyes applies: the decision is proposed for a second analyst to confirm (engine/four-eyes.ts). */
  propose?: boolean;
}

/** The case the detail pane shows, once loaded: what the a and d keys act on. */
export interface ShownCase {
  sessionId: string;
  subject: string;
  decidable: boolean;
}

interface UiState {
  view: View;
  /** The session shown in the detail pane. */
  openSessionId: string | null;
  shownCase: ShownCase | null;
  importOpen: boolean;
  keysOpen: boolean;
  decide: DecideRequest | null;
  setView(view: View): void;
  openSession(id: string | null): void;
  setShownCase(shown: ShownCase | null): void;
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
  shownCase: null,
  importOpen: false,
  keysOpen: false,
  decide: null,
  setView: (view) => set({ view }),
  openSession: (openSessionId) =>
    set((s) => ({ openSessionId, shownCase: s.shownCase?.sessionId === openSessionId ? s.shownCase : null })),
  setShownCase: (shownCase) => set({ shownCase }),
  setImportOpen: (importOpen) => set({ importOpen }),
  setKeysOpen: (keysOpen) => set({ keysOpen }),
  requestDecision: (decide) => set({ decide }),
}));
