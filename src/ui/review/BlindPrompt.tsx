import { useState } from 'react';
import { type BlindAnswer, type BlindAsk, blindPrompt, blindVerdictText } from '../../domain/review/blind';
import { reviewStore } from '../../store';

/** In place of the hidden answer: how to answer (one key, or a typed answer and Enter), and "cannot tell". */
export function BlindPrompt({ ask }: { ask: BlindAsk }) {
  const [typed, setTyped] = useState('');
  const answer = (a: string | null) => reviewStore.getState().answerBlind(a);
  const typedKind = ask.kind === 'number' || ask.kind === 'vector' || ask.kind === 'text';
  return (
    <div className="blind-prompt" data-testid="blind-prompt">
      <div className="muted small">Blind review · the answer is hidden.</div>
      <div>{blindPrompt(ask)}</div>
      <div className="row">
        {ask.kind === 'letter' &&
          ask.letters.map((l) => (
            <button key={l} onClick={() => answer(l)} data-testid={`blind-${l}`}>
              <kbd>{l}</kbd>
            </button>
          ))}
        {ask.kind === 'truth' && (
          <>
            <button onClick={() => answer(ask.yes)} data-testid="blind-true">
              <kbd>T</kbd> {ask.yes}
            </button>
            <button onClick={() => answer(ask.no)} data-testid="blind-false">
              <kbd>F</kbd> {ask.no}
            </button>
          </>
        )}
        {typedKind && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim()) answer(typed);
            }}
          >
            <input
              autoFocus
              value={typed}
              size={ask.kind === 'number' ? 8 : 22}
              inputMode={ask.kind === 'number' ? 'decimal' : undefined}
              placeholder={ask.kind === 'number' ? (ask.unit ? `number in ${ask.unit}` : 'number') : ask.kind === 'vector' ? '(x, y, z)' : 'your answer'}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
              data-testid="blind-input"
            />
            <button type="submit" disabled={!typed.trim()}>
              Answer <kbd>Enter</kbd>
            </button>
          </form>
        )}
        <button className="link" onClick={() => answer(null)} data-testid="blind-cannot-tell" title="Show the key without answering; counted as “could not tell”">
          {ask.kind === 'none' ? 'Show the answer' : 'Cannot tell'} <kbd>X</kbd>
        </button>
      </div>
    </div>
  );
}

/** After a blind answer: the reviewer's answer against the key. */
export function BlindVerdict({ answered }: { answered: BlindAnswer }) {
  const cls = answered.agrees === null ? '' : answered.agrees ? 'agrees' : 'disagrees';
  return (
    <div className={`blind-verdict ${cls}`} data-testid="blind-verdict">
      {blindVerdictText(answered)}
    </div>
  );
}
