// Esc closes what was opened last: a dialog over the page, then the mode under it (Measure), and only
// when nothing is open does it reach the page's own keys (clearing the object selection).
import { useEffect } from 'react';

export class EscapeStack {
  private layers: { id: number; close: () => void }[] = [];
  private next = 1;

  /** Registers an open layer; returns its removal. */
  push(close: () => void): () => void {
    const id = this.next++;
    this.layers.push({ id, close });
    return () => {
      this.layers = this.layers.filter((l) => l.id !== id);
    };
  }

  /** Closes the newest layer; false when none is open (the key goes on to the page). */
  escape(): boolean {
    const top = this.layers.pop();
    if (!top) return false;
    top.close();
    return true;
  }

  get depth(): number {
    return this.layers.length;
  }
}

const stack = new EscapeStack();
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // capture: the layer closes before any other key handler sees the Esc
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented || !stack.depth) return;
      if (stack.escape()) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    true,
  );
}

/** While `open`, Esc runs `close` (the newest open layer first). */
export function useEscape(open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    listen();
    return stack.push(close);
    // `close` is read when Esc comes; a new function each render must not reorder the layers
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
