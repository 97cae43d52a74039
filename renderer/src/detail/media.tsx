// Media of the open session. The engine replaced every media URL in the payload by a locator
// (`array[index].field`); only locators whose bytes are in the cache can be shown, through the host's mediaUrl.
import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/reviewer-api.js';
import { mediaUrl } from '../bridge/engine-access.js';

interface MediaIndex {
  sessionId: string;
  types: ReadonlyMap<string, string>;
}

const MediaContext = createContext<MediaIndex>({ sessionId: '', types: new Map() });

export function MediaProvider({ detail, children }: { detail: SessionDetail; children: ReactNode }) {
  const value: MediaIndex = {
    sessionId: detail.row.id,
    types: new Map(detail.media.map((m) => [m.locator, m.contentType])),
  };
  return <MediaContext.Provider value={value}>{children}</MediaContext.Provider>;
}

export function locatorOf(array: string, index: number, field: string): string {
  return `${array}[${index}].${field}`;
}

/** The loadable URL and content type of a cached media item, or null when it is not (yet) in the cache. */
export function useMedia(locator: string | null): { src: string; contentType: string } | null {
  const { sessionId, types } = useContext(MediaContext);
  if (!locator) return null;
  const contentType = types.get(locator);
  return contentType ? { src: mediaUrl(sessionId, locator), contentType } : null;
}

interface ImageProps {
  locator: string | null;
  alt: string;
  className?: string;
  style?: CSSProperties;
}

/** A cached image, or a placeholder saying it has not been downloaded. PDFs become a link. */
export function MediaImage({ locator, alt, className, style }: ImageProps) {
  const { t } = useTranslation();
  const media = useMedia(locator);
  if (!media) {
    return (
      <div
        className={`detail-media-missing ${className ?? ''}`}
        role="img"
        aria-label={t('media.missingNamed', { name: alt })}
      >
        {t('media.missing')}
      </div>
    );
  }
  if (media.contentType === 'application/pdf') return <MediaFileLink locator={locator} label={alt} />;
  return <img className={className} style={style} src={media.src} alt={alt} draggable={false} />;
}

/**
 * A cached document: an image as such; a PDF previewed inline (first page, fitted to the width) by the browser's own
 * viewer in an <iframe> on the host's media URL, straight from the encrypted cache (never a file on disk), with a
 * download link underneath as the fallback. The host serves PDFs under a `sandbox` CSP: no script in the PDF runs.
 */
export function MediaDocument({
  locator,
  alt,
  className,
}: {
  locator: string | null;
  alt: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const media = useMedia(locator);
  if (!media || media.contentType !== 'application/pdf') {
    return <MediaImage locator={locator} alt={alt} className={className} />;
  }
  return (
    <div className="detail-pdf">
      <iframe
        className="detail-pdf-preview"
        src={`${media.src}#page=1&toolbar=0&navpanes=0&view=FitH`}
        title={t('media.preview', { name: alt })}
        loading="lazy"
        referrerPolicy="no-referrer"
      />
      <MediaFileLink locator={locator} label={alt} />
    </div>
  );
}

/** A download link for a cached file (PDF documents), or a note that it is not cached. */
export function MediaFileLink({ locator, label }: { locator: string | null; label: string }) {
  const { t } = useTranslation();
  const media = useMedia(locator);
  if (!media) return <span className="muted">{t('media.missing')}</span>;
  return (
    <a className="detail-file-link" href={media.src} download>
      {t('media.download', { name: label })}
    </a>
  );
}
