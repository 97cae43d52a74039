/**
 * Links from partner payloads open in the system browser, never in the app: the window denies every new window
 * (a SafeLink click is a `target="_blank"` window request) and, when the URL passes `isOpenableExternally` (https
 * only, with a host and no credentials: shared/external-url.ts), hands it to `shell.openExternal`. Plain Node, so
 * the policy is unit-tested without Electron (test/unit/external-links.test.tsx).
 */
import { openableExternalUrl } from '../../shared/external-url.js';

export function isOpenableExternally(url: unknown): boolean {
  return openableExternalUrl(url) !== null;
}

/**
 * The `setWindowOpenHandler` of the app window: always deny, and open https links in the system browser.
 * `openExternal` is Electron's `shell.openExternal` (injected, so this file does not load Electron).
 */
export function denyAndOpenExternally(
  openExternal: (url: string) => Promise<void>,
): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    const target = openableExternalUrl(url);
    if (target !== null) {
      openExternal(target).catch((err: unknown) => {
        console.warn(`Countersign: could not open a link in the browser: ${err instanceof Error ? err.message : err}`);
      });
    }
    return { action: 'deny' };
  };
}
