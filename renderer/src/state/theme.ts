// Light, dark or follow the system: sets data-theme on <html>, which the CSS variables key off.
import type { Settings } from '../../../shared/reviewer-api.js';

let followSystem: (() => void) | null = null;

export function applyTheme(theme: Settings['theme']): void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  if (followSystem) media.removeEventListener('change', followSystem);
  followSystem = null;
  const set = (dark: boolean) => (document.documentElement.dataset.theme = dark ? 'dark' : 'light');
  if (theme === 'system') {
    followSystem = () => set(media.matches);
    media.addEventListener('change', followSystem);
    set(media.matches);
  } else {
    set(theme === 'dark');
  }
}
