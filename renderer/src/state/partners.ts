// The partner registry as every view reads it (Settings, import dialog, outbound, queue filter, case header): loaded
// on first use, listed again after this window saves or removes a partner and whenever the engine announces a change
// made anywhere (another window, another API client of the host, the import dialog).
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { Partner, ReviewerEvent } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';

interface PartnerState {
  partners: Partner[];
  loaded: boolean;
  error: unknown;
  refresh(): Promise<void>;
}

/** Counts listings, so an answer overtaken by a later listing (two changes in quick succession) is dropped. */
let listing = 0;

export const usePartnerStore = create<PartnerState>((set) => ({
  partners: [],
  loaded: false,
  error: null,
  async refresh() {
    const mine = ++listing;
    try {
      const partners = await api().listPartners({});
      if (mine === listing) set({ partners, loaded: true, error: null });
    } catch (error) {
      if (mine === listing) set({ error });
    }
  },
}));

/** Feeds an engine event in: a partner change, made here or anywhere else, lists the registry again. */
export function notePartnerEvent(event: ReviewerEvent): void {
  if (event.type === 'partners.changed') void usePartnerStore.getState().refresh();
}

/** The registry, fetched on first use. */
export function usePartners(): Partner[] {
  const partners = usePartnerStore((s) => s.partners);
  const loaded = usePartnerStore((s) => s.loaded);
  useEffect(() => {
    if (!loaded) void usePartnerStore.getState().refresh();
  }, [loaded]);
  return partners;
}

/** Calls `onChange` whenever the registry is listed again after its first load; always the latest `onChange`. */
export function usePartnersChanged(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(
    () =>
      usePartnerStore.subscribe((now, before) => {
        if (before.loaded && now.partners !== before.partners) latest.current();
      }),
    [],
  );
}
