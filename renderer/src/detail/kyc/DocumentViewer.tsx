// The ID document: front/back, zoom, rotate, and a side-by-side compare with the document portrait and the
// liveness selfie. All controls are buttons, so the viewer works from the keyboard. A zoomed or rotated image is
// laid out at its real size inside a scrolling frame, so every edge can be reached: by dragging, by the
// scrollbars, or by the arrow keys once the frame has focus.
import { useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaImage, useMedia } from '../media.js';
import { fieldLocator } from './fieldLocator.js';

interface Props {
  index: number;
  selfieLocator: string | null;
  /** The item's media fields (their values are the locators; see fieldLocator). */
  item?: { front_image?: unknown; back_image?: unknown; portrait_image?: unknown };
}

const ZOOM_STEP = 0.25;
const ZOOM_MIN = 0.5;
const ZOOM_MAX = 4;

export function DocumentViewer({ index, selfieLocator, item }: Props) {
  const { t } = useTranslation();
  const [side, setSide] = useState<'front' | 'back'>('front');
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [compare, setCompare] = useState(false);
  const front = fieldLocator(item?.front_image, 'id_verifications', index, 'front_image');
  const back = fieldLocator(item?.back_image, 'id_verifications', index, 'back_image');
  const portrait = fieldLocator(item?.portrait_image, 'id_verifications', index, 'portrait_image');
  const hasBack = useMedia(back) !== null;
  // Compare always sets the document's front beside the portrait and the selfie, whichever side was on screen.
  const shown = !compare && side === 'back' && hasBack ? back : front;
  const zoomBy = (delta: number) => setZoom((z) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, z + delta)));

  return (
    <div className="kyc-viewer">
      <div className="kyc-viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <button type="button" aria-pressed={shown === front} onClick={() => setSide('front')}>
          {t('viewer.front')}
        </button>
        <button
          type="button"
          aria-pressed={shown === back}
          disabled={!hasBack || compare}
          onClick={() => setSide('back')}
        >
          {t('viewer.back')}
        </button>
        <span className="kyc-viewer-gap" />
        <button
          type="button"
          aria-label={t('viewer.zoomOut')}
          disabled={zoom <= ZOOM_MIN}
          onClick={() => zoomBy(-ZOOM_STEP)}
        >
          −
        </button>
        <output aria-live="polite" aria-label={t('viewer.zoomLevel')}>
          {Math.round(zoom * 100)} %
        </output>
        <button
          type="button"
          aria-label={t('viewer.zoomIn')}
          disabled={zoom >= ZOOM_MAX}
          onClick={() => zoomBy(ZOOM_STEP)}
        >
          +
        </button>
        <button type="button" onClick={() => setRotation((r) => (r + 90) % 360)}>
          {t('viewer.rotate')}
        </button>
        <button
          type="button"
          onClick={() => {
            setZoom(1);
            setRotation(0);
          }}
        >
          {t('viewer.reset')}
        </button>
        <span className="kyc-viewer-gap" />
        <button type="button" aria-pressed={compare} onClick={() => setCompare((c) => !c)}>
          {t('viewer.compare')}
        </button>
      </div>
      <div className={compare ? 'kyc-viewer-stage kyc-viewer-stage-compare' : 'kyc-viewer-stage'}>
        <figure className="kyc-viewer-main">
          <PanZoomFrame
            locator={shown}
            alt={t(shown === back ? 'viewer.backAlt' : 'viewer.frontAlt')}
            zoom={zoom}
            rotation={rotation}
          />
          <figcaption>{t(shown === back ? 'viewer.back' : 'viewer.front')}</figcaption>
        </figure>
        {compare && (
          <>
            <figure>
              <MediaImage locator={portrait} alt={t('viewer.portraitAlt')} className="kyc-viewer-compare-image" />
              <figcaption>{t('viewer.portrait')}</figcaption>
            </figure>
            <figure>
              <MediaImage locator={selfieLocator} alt={t('viewer.selfieAlt')} className="kyc-viewer-compare-image" />
              <figcaption>{t('viewer.selfie')}</figcaption>
            </figure>
          </>
        )}
      </div>
    </div>
  );
}

interface FrameProps {
  locator: string | null;
  alt: string;
  zoom: number;
  rotation: number;
}

/**
 * The image at `zoom` × its fitted size, turned by `rotation`, on a canvas as large as its turned bounding box: the
 * frame scrolls over all of it (a CSS scale alone would leave the overflowing left and top edges out of reach).
 */
function PanZoomFrame({ locator, alt, zoom, rotation }: FrameProps) {
  const { t } = useTranslation();
  const media = useMedia(locator);
  const frameRef = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [frameWidth, setFrameWidth] = useState(0);
  const drag = useRef<{ x: number; y: number; left: number; top: number; id: number } | null>(null);

  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const measure = () => setFrameWidth(frame.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, [media?.src]);

  if (!media || media.contentType === 'application/pdf') {
    return (
      <div className="kyc-viewer-frame">
        <MediaImage locator={locator} alt={alt} className="kyc-viewer-image" />
      </div>
    );
  }
  const turned = rotation % 180 !== 0;
  // At 100 % the image fits the frame's width (never enlarged past its own pixels).
  const fit = natural && frameWidth > 0 ? Math.min(1, (frameWidth - 2) / (turned ? natural.height : natural.width)) : 1;
  const width = natural ? natural.width * fit * zoom : undefined;
  const height = natural ? natural.height * fit * zoom : undefined;
  const canvas =
    width !== undefined && height !== undefined
      ? { width: turned ? height : width, height: turned ? width : height }
      : undefined;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const frame = frameRef.current;
    if (!frame || e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, left: frame.scrollLeft, top: frame.scrollTop, id: e.pointerId };
    frame.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const frame = frameRef.current;
    const start = drag.current;
    if (!frame || !start || start.id !== e.pointerId) return;
    frame.scrollLeft = start.left - (e.clientX - start.x);
    frame.scrollTop = start.top - (e.clientY - start.y);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };

  return (
    <div
      ref={frameRef}
      className="kyc-viewer-frame kyc-viewer-frame-pannable"
      role="group"
      aria-label={t('viewer.panArea')}
      // Focusable, so the arrow keys scroll it.
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      <div className="kyc-viewer-canvas" style={canvas}>
        <img
          className="kyc-viewer-image kyc-viewer-image-placed"
          src={media.src}
          alt={alt}
          draggable={false}
          style={{ width, height, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }}
          onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
        />
      </div>
    </div>
  );
}
