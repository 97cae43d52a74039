// Entry point: put the bridge in place (browser host; Electron's preload already did), then render.
import '../../shared/zod-jitless.js';
// Global styles first: each feature's own stylesheet, imported by its components, comes after them.
import './styles/base.css';
import './common/common.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './bridge/index.js';
import i18n from './i18n/index.js';
import { App } from './App.js';

const root = createRoot(document.getElementById('root')!);
installBridge();
if (window.countersign) {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // No host: say so instead of a blank page.
  root.render(<p className="fatal">{i18n.t('errors.noBridge')}</p>);
}
