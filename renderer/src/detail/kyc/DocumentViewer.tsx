// The ID document: front/back, zoom, rotate, and a side-by-side compare with the document portrait and the
// liveness selfie. All controls are buttons, so the viewer works from the keyboard.
import { useState } from 'react';
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
  const shown = side === 'back' && hasBack ? back : front;
  const zoomBy = (delta: number) => setZoom((z) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, z + delta)));

  return (
    <div className="kyc-viewer">
      <div className="kyc-viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <button type="button" aria-pressed={side === 'front'} onClick={() => setSide('front')}>
          {t('viewer.front')}
        </button>
        <button type="button" aria-pressed={side === 'back'} disabled={!hasBack} onClick={() => setSide('back')}>
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
          <div className="kyc-viewer-frame">
            <MediaImage
              locator={shown}
              alt={t(shown === back ? 'viewer.backAlt' : 'viewer.frontAlt')}
              className="kyc-viewer-image"
              style={{ transform: `scale(${zoom}) rotate(${rotation}deg)` }}
            />
          </div>
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
