// Blind review at the keyboard: until the reviewer has answered the item on screen, the first press
// of an option letter (or T / F for a true/false item) is the answer, whatever that letter is
// bound to otherwise, and X reveals the key without an answer. A digit typed while the answer
// field has lost the focus goes back into it.
import { blindAsk, blindKey } from '../../domain/review/blind';
import { isRevealed } from '../../store/reviewStore';
import { reviewStore } from '../../store';

/** Handles the key if it answers the item under blind review; true when it did. */
export function blindReviewKey(e: KeyboardEvent, key: string): boolean {
  const r = reviewStore.getState();
  if (!r.blind || !r.current || r.pending || isRevealed(r)) return false;
  const ask = blindAsk(r.current.stored.item);
  const hit = blindKey(ask, key);
  if (hit) {
    e.preventDefault();
    r.answerBlind('answer' in hit ? hit.answer : null);
    return true;
  }
  if ((ask.kind === 'number' || ask.kind === 'vector') && /^[0-9.(-]$/.test(key)) {
    // focus moves before the key's character is typed: it lands in the field
    document.querySelector<HTMLInputElement>('[data-testid="blind-input"]')?.focus();
    return true;
  }
  return false;
}
