// The profile's analyst as the frame, the first-start prompt and Settings show it (getAnalyst / setAnalyst).
import { create } from 'zustand';
import type { Analyst } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';

interface AnalystState {
  analyst: Analyst | null;
  /** The OS user's name, suggested by the engine until an analyst is saved. */
  suggested: Analyst | null;
  loaded: boolean;
  load(): Promise<void>;
  /** Saves the analyst; rejects with the engine's error so forms can show it. */
  save(analyst: Analyst): Promise<void>;
}

export const useAnalyst = create<AnalystState>((set) => ({
  analyst: null,
  suggested: null,
  loaded: false,
  async load() {
    const { analyst, suggested } = await api().getAnalyst({});
    set({ analyst, suggested, loaded: true });
  },
  async save(analyst) {
    const saved = await api().setAnalyst(analyst);
    set({ analyst: saved });
  },
}));
