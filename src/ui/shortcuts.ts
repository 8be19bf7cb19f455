import { useEffect } from 'react';
import { objectsStore, qaStore, viewStore } from '../store';

/** Keys heard on the whole window, except while typing in a field. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      const o = objectsStore.getState();
      const mod = e.ctrlKey || e.metaKey;
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
