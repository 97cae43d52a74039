/**
 * Which partner-supplied URLs (AML hit pages, adverse-media sources) may leave the app for the system browser: an
 * absolute https URL with a host and no credentials, at most MAX_EXTERNAL_URL_LENGTH characters. Everything else
 * (http, javascript:, file:, data:, blob:, custom schemes that start other programs, relative URLs) is shown as
 * text. The Electron main process applies this check again before `shell.openExternal` (electron/main/external-links.ts);
 * the renderer uses it to decide what to make a link of.
 */
export const MAX_EXTERNAL_URL_LENGTH = 2_048;

/** The normalised URL to open, or null when it must not be opened. */
export function openableExternalUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href.length <= MAX_EXTERNAL_URL_LENGTH ? url.href : null;
}
