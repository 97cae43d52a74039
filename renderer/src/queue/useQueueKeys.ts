// Queue keyboard shortcuts: j/k move (and the arrow keys while the list has focus), Enter opens, a approves,
// d declines, / focuses search. They are ignored while typing in a field or while a dialog is open. a and d act on
// the case the detail pane shows, never on a row the analyst has not opened. Returns a notice to announce when a
// key cannot act.
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../state/ui.js';

interface Options {
  selected: number;
  select(index: number): void;
  pick(index: number): void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useQueueKeys({ selected, select, pick, searchRef }: Options): string | null {
  const { t } = useTranslation();
  const requestDecision = useUi((s) => s.requestDecision);
  const shownCase = useUi((s) => s.shownCase);
  const openSessionId = useUi((s) => s.openSessionId);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      const onControl = e.target instanceof HTMLElement && e.target.closest('button, a, [role="button"]');
      const onList = e.target instanceof HTMLElement && e.target.getAttribute('role') === 'listbox';
      const decide = (newStatus: 'Approved' | 'Declined') => {
        // The case on screen, loaded: what the analyst has read is what gets decided.
        if (openSessionId === null || shownCase === null || shownCase.sessionId !== openSessionId) {
          setNotice(t(openSessionId === null ? 'queue.openFirst' : 'queue.stillLoading'));
          return;
        }
        if (!shownCase.decidable) {
          setNotice(t('queue.cannotDecide'));
          return;
        }
        setNotice(null);
        requestDecision({ sessionId: shownCase.sessionId, subject: shownCase.subject, newStatus });
      };
      switch (e.key) {
        case 'j':
          select(selected + 1);
          break;
        case 'k':
          select(selected - 1);
          break;
        case 'ArrowDown':
          if (!onList) return;
          select(selected + 1);
          break;
        case 'ArrowUp':
          if (!onList) return;
          select(selected - 1);
          break;
        case 'Enter':
          if (onControl) return;
          pick(selected);
          break;
        case 'a':
          decide('Approved');
          break;
        case 'd':
          decide('Declined');
          break;
        case '/':
          searchRef.current?.focus();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, select, pick, searchRef, requestDecision, shownCase, openSessionId, t]);

  return notice;
}
