// The partner registry as every view reads it (import dialog, outbound, queue filter, case header, provenance):
// loaded once, reloaded after Settings saves or removes a partner.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Partner } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';

interface PartnerState {
  partners: Partner[];
  loaded: boolean;
  error: unknown;
  refresh(): Promise<void>;
}

export const usePartnerStore = create<PartnerState>((set) => ({
  partners: [],
  loaded: false,
  error: null,
  async refresh() {
    try {
      set({ partners: await api().listPartners({}), loaded: true, error: null });
    } catch (error) {
      set({ error });
    }
  },
}));

/** The registry, fetched on first use. */
export function usePartners(): Partner[] {
  const partners = usePartnerStore((s) => s.partners);
  const loaded = usePartnerStore((s) => s.loaded);
  useEffect(() => {
    if (!loaded) void usePartnerStore.getState().refresh();
  }, [loaded]);
  return partners;
}
