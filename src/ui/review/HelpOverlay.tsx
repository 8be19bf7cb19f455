import { useEffect, useState } from 'react';
import { REASONS } from '../../domain/review/types';
import { KEY_ACTIONS, type KeyAction, reviewStore, useReview } from '../../store';
import { REASON_TEXT } from './ReviewItem';

/** Every shortcut, with rebinding: click "change", then press the new key. */
export function HelpOverlay() {
  const open = useReview((r) => r.helpOpen);
  const keys = useReview((r) => r.keys);
  const [binding, setBinding] = useState<KeyAction | null>(null);
  useEffect(() => {
    if (!binding) return;
    const on = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopImmediatePropagation();
      if (e.key !== 'Escape' && e.key.length === 1) reviewStore.getState().rebind(binding, e.key.toLowerCase());
      setBinding(null);
    };
    window.addEventListener('keydown', on, { capture: true });
    return () => window.removeEventListener('keydown', on, { capture: true });
  }, [binding]);
  if (!open) return null;
  return (
    <div className="help-overlay" role="dialog" aria-label="Keyboard shortcuts" data-testid="help-overlay" onClick={() => reviewStore.getState().setHelp(false)}>
      <div className="help-card" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {(Object.keys(KEY_ACTIONS) as KeyAction[]).map((a) => (
              <tr key={a}>
                <td>
                  <kbd>{keys[a].toUpperCase()}</kbd>
                </td>
                <td>{KEY_ACTIONS[a].label}</td>
                <td>
                  <button className="small" onClick={() => setBinding(a)}>
                    {binding === a ? 'press a key…' : 'change'}
                  </button>
                </td>
              </tr>
            ))}
            {REASONS.map((r, i) => (
              <tr key={r}>
                <td>
                  <kbd>{i + 1}</kbd>
                </td>
                <td colSpan={2}>after Reject: {REASON_TEXT[r]}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Ctrl+Z</kbd>
              </td>
              <td colSpan={2}>Undo your last decision (the log keeps it, marked withdrawn)</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td colSpan={2}>Cancel a reject or a fix; close this help</td>
            </tr>
            <tr className="help-section">
              <td colSpan={3}>
                <strong>Blind review</strong> (the project’s “blind review” box): until you have answered the item, its answer is hidden and the <em>first</em> key you press answers — whatever it is bound to otherwise:
              </td>
            </tr>
            <tr>
              <td>
                <kbd>A</kbd>–<kbd>D</kbd>…
              </td>
              <td colSpan={2}>multiple choice: the letter of your answer — even a letter that has a binding (<kbd>{keys.accept.toUpperCase()}</kbd>): the first press answers, the next one accepts</td>
            </tr>
            <tr>
              <td>
                <kbd>T</kbd> / <kbd>F</kbd>
              </td>
              <td colSpan={2}>true/false: True or False (<kbd>F</kbd> is not Fix until you have answered)</td>
            </tr>
            <tr>
              <td>
                <kbd>0</kbd>–<kbd>9</kbd> <kbd>Enter</kbd>
              </td>
              <td colSpan={2}>numbers: type it in the answer field (in the question’s unit) and press Enter; names and vectors the same way; Esc leaves the field</td>
            </tr>
            <tr>
              <td>
                <kbd>X</kbd>
              </td>
              <td colSpan={2}>cannot tell: show the key without an answer (counted apart)</td>
            </tr>
            <tr>
              <td />
              <td colSpan={2}>Then “your answer · key ✓/✗” is shown, and the keys above work as usual. Reject (<kbd>{keys.reject.toUpperCase()}</kbd>) works before answering; accept and fix wait.</td>
            </tr>
          </tbody>
        </table>
        <p className="muted small">
          Keys are heard anywhere on the page except while typing in a field. Each decision is saved in this browser before the next item is shown; keys typed faster wait their turn, and each applies to the item the keys before it lead to (so A A A accepts three items in turn). A held key acts once.
        </p>
        <button onClick={() => reviewStore.getState().setHelp(false)}>Close</button>
      </div>
    </div>
  );
}
