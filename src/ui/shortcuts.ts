import { useEffect } from 'react';
import type { KeyFocus } from '../domain/review/keyQueue';
import { objectsStore, pressWorkspaceKey, qaStore, reviewKeys, viewStore } from '../store';
import { blindFieldKey } from './review/blindKeys';

const TYPING_INPUTS = ['checkbox', 'radio', 'button', 'range'];

/** Where a key event was typed: a text field keeps its keys; a menu keeps its arrows and Enter. */
function focusOf(t: EventTarget | null): KeyFocus {
  const el = t as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return 'page';
  if (el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' && !TYPING_INPUTS.includes((el as HTMLInputElement).type))) return 'text';
  if (el.tagName === 'SELECT' || el.tagName === 'INPUT') return 'menu';
  return 'page';
}

/** Keys heard on the whole window, except while typing in a field. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const focus = focusOf(e.target);
      if (viewStore.getState().mode === 'review') {
        if (focus === 'page' && blindFieldKey(e.key)) return;
        // a review filter just picked keeps the focus: letters still decide (the queue knows the rules)
        const r = reviewKeys.press({ key: e.key, repeat: e.repeat, ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey, shift: e.shiftKey, focus });
        if (r.handled) e.preventDefault();
        // keypress → next item drawn: the figure the review bench reads
        if (r.queued?.action.type === 'decide' || r.queued?.action.type === 'step') performance.mark('review:key');
        return;
      }
      if (focus !== 'page') return;
      if (pressWorkspaceKey({ key: e.key, ctrl: e.ctrlKey, meta: e.metaKey, shift: e.shiftKey }, { objects: objectsStore, qa: qaStore, view: viewStore })) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
