import { type ReactNode, useState } from 'react';
import { PREVIEW_CHARS, clip } from '../../domain/review/longText';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * A text of an item drawn cut to its first characters when it is very long (laying out megabytes
 * freezes the page), with its size and buttons for more. Give it a `key` per item so that the next
 * item starts cut again. `cut` tells the caller the text is long (to keep it in a scrolling box).
 */
export function CappedText({ text, testId, children }: { text: string; testId?: string; children: (shown: string, cut: boolean) => ReactNode }) {
  const [limit, setLimit] = useState(PREVIEW_CHARS);
  const { shown, hidden } = clip(text, limit);
  return (
    <>
      {children(hidden ? `${shown}…` : shown, hidden > 0 || text.length > PREVIEW_CHARS)}
      {hidden > 0 && (
        <div className="text-more muted small" data-testid={testId ? `${testId}-more` : undefined}>
          {n(text.length)} characters: the first {n(shown.length)} are shown.{' '}
          <button className="link" onClick={() => setLimit(limit * 10)}>
            Show more ({n(Math.min(text.length, limit * 10))})
          </button>
          <button className="link" onClick={() => setLimit(text.length)} title={text.length > 1e6 ? 'Drawing millions of characters takes the page a while' : undefined}>
            Show all{text.length > 1e6 ? ' (slow)' : ''}
          </button>
        </div>
      )}
    </>
  );
}
