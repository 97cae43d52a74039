/** An OS notification when imports arrive that wait for review, in the UI's language; a click brings the window up. */
import { Notification, type BrowserWindow } from 'electron';
import type { ReviewerEvent } from '../../shared/reviewer-api.js';
import type { HostedEngine } from '../host/hosted-engine.js';

const TEXT = {
  en: {
    title: 'New sessions to review',
    body: (n: number) =>
      n === 1 ? '1 imported session is waiting in the inbox.' : `${n} imported sessions are waiting in the inbox.`,
  },
  es: {
    title: 'Nuevas sesiones para revisar',
    body: (n: number) =>
      n === 1 ? '1 sesión importada espera en la bandeja.' : `${n} sesiones importadas esperan en la bandeja.`,
  },
};

export function notifyOnImports(engine: HostedEngine, currentWindow: () => BrowserWindow | null): () => void {
  return engine.onEvent((event: ReviewerEvent) => {
    if (event.type !== 'imports.arrived' || event.inReview <= 0 || !Notification.isSupported()) return;
    void engine
      .getSettings({})
      .then(
        (settings) => settings.language,
        () => 'en' as const,
      )
      .then((language) => {
        const text = TEXT[language];
        const notification = new Notification({ title: text.title, body: text.body(event.inReview) });
        notification.on('click', () => {
          const window = currentWindow();
          if (!window || window.isDestroyed()) return;
          if (window.isMinimized()) window.restore();
          window.focus();
        });
        notification.show();
      });
  });
}
