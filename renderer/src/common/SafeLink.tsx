import { openableExternalUrl } from '../../../shared/external-url.js';

/**
 * A partner-supplied URL (AML sources): a link only when it is https with a host and no credentials
 * (shared/external-url.ts), otherwise shown as text. The link opens a new tab without opener or referrer in the
 * browser host; in Electron the window-open request goes to the main process, which checks the URL again and opens
 * it in the system browser (electron/main/external-links.ts).
 */
export function SafeLink({ url }: { url: string | null | undefined }) {
  if (!url) return null;
  const href = openableExternalUrl(url);
  if (!href) return <span className="common-url-text">{url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="common-url-text">
      {url}
    </a>
  );
}
