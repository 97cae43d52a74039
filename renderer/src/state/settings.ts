// Settings as the engine holds them; language and theme are applied to the page as soon as they change.
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { setLanguage } from '../i18n/index.js';
import { applyTheme } from './theme.js';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  load(): Promise<void>;
  /** Saves a change; rejects with the engine's error so forms can show it. */
  update(change: Partial<Settings>): Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  async load() {
    const settings = await api().getSettings({});
    apply(settings);
    set({ settings, loaded: true });
  },
  async update(change) {
    const settings = await api().updateSettings(change);
    apply(settings);
    set({ settings });
  },
}));

function apply(settings: Settings): void {
  setLanguage(settings.language);
  applyTheme(settings.theme);
}
