import { useEffect } from 'react';
import { REASONS } from '../domain/review/types';
import { objectsStore, qaStore, reviewStore, viewStore } from '../store';
import { blindReviewKey } from './review/blindKeys';

/** Keys heard on the whole window, except while typing in a field. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === 'TEXTAREA' || t.isContentEditable || (t.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'range'].includes((t as HTMLInputElement).type)));
      if (typing) return;
      // a review filter just picked keeps the focus: letters still decide, arrows and Enter stay the menu's
      const menu = !!t && (t.tagName === 'SELECT' || t.tagName === 'INPUT');
      if (menu && (viewStore.getState().mode !== 'review' || e.key.startsWith('Arrow') || e.key === ' ' || e.key === 'Enter')) return;
      const o = objectsStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (viewStore.getState().mode === 'review') return reviewKey(e, mod);
      if (viewStore.getState().mode === 'qa' && !mod) {
        const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
        if (step) {
          e.preventDefault();
          qaStore.getState().step(step);
        }
        return;
      }
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) o.redo();
        else o.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        o.redo();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && o.selectedId) {
        e.preventDefault();
        o.remove(o.selectedId);
      } else if (e.key === 'Escape') {
        o.select(null);
        o.setTool('select');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** FORMATS §4: one key accepts, two reject (R then the reason), all rebindable but Ctrl+Z and the digits. */
function reviewKey(e: KeyboardEvent, mod: boolean): void {
  const r = reviewStore.getState();
  if (e.altKey) return;
  if (mod) {
    if (e.key.toLowerCase() === 'z') {
      e.preventDefault();
      void r.undo();
    }
    return;
  }
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'Escape') {
    if (r.helpOpen) r.setHelp(false);
    else r.setPending(null);
    return;
  }
  if (r.pending?.kind === 'reject') {
    const n = Number(key);
    if (n >= 1 && n <= REASONS.length) {
      e.preventDefault();
      const reason = REASONS[n - 1];
      if (reason === 'other') r.setPending({ kind: 'comment', reasons: [reason] });
      else {
        performance.mark('review:key');
        void r.decide('reject', { reasons: [reason] });
      }
      return;
    }
  }
  if (blindReviewKey(e, key)) return;
  const k = r.keys;
  const act = (fn: () => unknown) => {
    e.preventDefault();
    performance.mark('review:key');
    void fn();
  };
  if (key === k.help || key === '?') return act(() => r.setHelp(!r.helpOpen));
  if (key === k.accept) return act(() => r.decide('accept'));
  if (key === k.reject) return act(() => r.setPending({ kind: 'reject' }));
  if (key === k.fix) return act(() => r.setPending({ kind: 'fix' }));
  if (key === k.next || key === 'ArrowDown' || key === 'ArrowRight') return act(() => r.step(1));
  if (key === k.prev || key === 'ArrowUp' || key === 'ArrowLeft') return act(() => r.step(-1));
}
