// Blind review at the keyboard, the part that needs the page: a digit typed for a numeric answer
// while the answer field has lost the focus goes back into it. (Letters that answer an item go
// through the review key queue: domain/review/keyQueue.)
import { blindAsk } from '../../domain/review/blind';
import { isRevealed, reviewKeys, reviewStore } from '../../store';

/** True when the key belongs in the blind answer field (focused now, before its character is typed). */
export function blindFieldKey(key: string): boolean {
  const r = reviewStore.getState();
  if (!r.blind || !r.current || r.pending || isRevealed(r) || reviewKeys.status.getState().waiting > 0) return false;
  const ask = blindAsk(r.current.stored.item);
  if ((ask.kind !== 'number' && ask.kind !== 'vector') || !/^[0-9.(-]$/.test(key)) return false;
  // focus moves before the key's character is typed: it lands in the field
  document.querySelector<HTMLInputElement>('[data-testid="blind-input"]')?.focus();
  return true;
}
