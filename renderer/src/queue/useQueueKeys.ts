// Queue keyboard shortcuts: j/k move (and the arrow keys while the list has focus), Enter opens, a approves,
// d declines, / focuses search. They are ignored while typing in a field or while a dialog is open. Returns a
// notice to announce when a key cannot act.
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/reviewer-api.js';
import { useUi } from '../state/ui.js';
import { canDecide } from '../decide/canDecide.js';

interface Options {
  selected: number;
  select(index: number): void;
  pick(index: number): void;
  rowAt(index: number): QueueRow | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useQueueKeys({ selected, select, pick, rowAt, searchRef }: Options): string | null {
  const { t } = useTranslation();
  const requestDecision = useUi((s) => s.requestDecision);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      const onControl = e.target instanceof HTMLElement && e.target.closest('button, a, [role="button"]');
      const onList = e.target instanceof HTMLElement && e.target.getAttribute('role') === 'listbox';
      const decide = (newStatus: 'Approved' | 'Declined') => {
        const row = rowAt(selected);
        if (!row) return;
        if (!canDecide(row)) {
          setNotice(t('queue.cannotDecide'));
          return;
        }
        setNotice(null);
        requestDecision({ sessionId: row.id, subject: row.subjectName ?? t('queue.unnamed'), newStatus });
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
  }, [selected, select, pick, rowAt, searchRef, requestDecision, t]);

  return notice;
}
