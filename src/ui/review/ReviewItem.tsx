import { useEffect, useState } from 'react';
import { REASONS, type Reason } from '../../domain/review/types';
import { reviewStore, useReview } from '../../store';
import { useLiftedPhotoIndex } from '../viewer/EvidenceLayer';
import { MarkReadings } from './Evidence3D';
import { FixForm } from './FixForm';
import { blindAsk } from '../../domain/review/blind';
import { isRevealed } from '../../store/reviewStore';
import { BlindPrompt, BlindVerdict } from './BlindPrompt';

const REASON_TEXT: Record<Reason, string> = {
  'vague-stem': 'Vague question stem',
  'incorrect-choices': 'Incorrect or misleading choices',
  'ambiguous-answer': 'Ambiguous answer',
  'factual-inconsistency': 'Factual inconsistency',
  'bad-3d': 'Bad 3D (lifting or boxes)',
  other: 'Other (write a comment)',
};
export { REASON_TEXT };

/** The item under review: its text (always as text, never HTML), options, answers and the decision bar. */
export function ReviewItem() {
  const cur = useReview((r) => r.current);
  const pending = useReview((r) => r.pending);
  const keys = useReview((r) => r.keys);
  // blind review: the key and all that gives it away wait for the reviewer's own answer
  const revealed = useReview(isRevealed);
  const blind = useReview((r) => r.blind);
  const answered = useReview((r) => r.answered);
  const lifted = useLiftedPhotoIndex();
  useEffect(() => {
    // keypress → next item drawn: the figure the bench reads
    if (!cur) return;
    const frame = requestAnimationFrame(() => {
      if (performance.getEntriesByName('review:key', 'mark').length) {
        performance.measure('review:next-item', 'review:key');
        performance.clearMarks('review:key');
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [cur]);
  if (!cur) return <div className="review-empty muted">No item to show. Drop a SPAR-7M or SPAR-Bench file (JSONL, parquet or a zip), our QA JSONL, or generate questions from a scene.</div>;
  const { item } = cur.stored;
  const sl = item.spatial_lens;
  const latest = cur.decisions[cur.decisions.length - 1];
  const rc = cur.recomputed;
  const mismatch = rc?.status === 'changed' && rc.item.answer !== item.answer;
  const fixedAnswer = latest?.decision === 'fix' ? latest.edits?.answer?.[1] : undefined;
  const options = sl.options ?? [];
  return (
    <div className="review-item" data-testid="review-item" data-item-id={cur.row.id}>
      <div className="qa-row-head">
        <span className="qa-task">{item.task}</span>
        <span className={`tag fmt-${sl.format}`}>{sl.format}</span>
        <span className="muted small item-id" title={`app id ${cur.row.id} (the source id is kept untouched)`}>
          {cur.row.id}
        </span>
        <StatusBadge status={latest?.decision ?? 'undecided'} />
      </div>
      {cur.row.flags.length > 0 && (
        <div className="flags">
          {cur.row.flags.map((f) => (
            <span key={f} className={`tag flag-${f}`}>
              {f === 'missing-image' ? 'image missing' : f === 'html-in-text' ? 'HTML in the text (shown as text)' : f}
            </span>
          ))}
        </div>
      )}
      <p className="review-question" data-testid="review-question">
        {item.question}
      </p>
      {options.length > 0 && (
        <ol className="qa-options">
          {options.map((o) => (
            <li key={o} className={revealed && o.startsWith(`${item.answer}.`) ? 'correct' : ''}>
              {o}
            </li>
          ))}
        </ol>
      )}
      {!revealed && <BlindPrompt key={cur.row.id} ask={blindAsk(item)} />}
      {blind && revealed && answered && <BlindVerdict answered={answered} />}
      {revealed && (
        <div className="qa-answer" data-testid="review-answer">
          <span className="muted">Answer</span> <strong className={fixedAnswer !== undefined ? 'struck' : ''}>{item.answer}</strong>
          {fixedAnswer !== undefined && (
            <>
              {' '}
              → <strong data-testid="fixed-answer">{fixedAnswer}</strong>
            </>
          )}
        </div>
      )}
      {revealed && rc && (
        <div className={`recomputed ${mismatch ? 'mismatch' : ''}`} data-testid="recomputed">
          {rc.status === 'invalid' ? (
            <span>Recomputed from the scene: invalid ({rc.reason})</span>
          ) : rc.status === 'unchanged' ? (
            <span>Recomputed from the scene: {rc.item.answer} (matches)</span>
          ) : (
            <span>
              Recomputed from the scene: <strong>{rc.item.answer}</strong> {mismatch ? '— differs from the item’s answer' : ''} ({rc.changes.join(', ')} changed)
            </span>
          )}
        </div>
      )}
      {!cur.scene && (lifted >= 0 ? revealed && <MarkReadings /> : <div className="muted small">No scene for this item in the project: the answer cannot be recomputed.{cur.images.some((i) => i.url) ? ' Lift its image (below) to measure its marks in 3D.' : ''}</div>)}

      <div className="decision-bar" role="toolbar" aria-label="Decision">
        <button className="accept" disabled={!revealed} title={revealed ? undefined : 'Answer first (blind review)'} onClick={() => void reviewStore.getState().decide('accept')} data-testid="decide-accept">
          Accept <kbd>{keys.accept.toUpperCase()}</kbd>
        </button>
        <button className="fix" disabled={!revealed} title={revealed ? undefined : 'Answer first (blind review)'} onClick={() => reviewStore.getState().setPending({ kind: 'fix' })} data-testid="decide-fix">
          Fix <kbd>{keys.fix.toUpperCase()}</kbd>
        </button>
        <button className="reject" onClick={() => reviewStore.getState().setPending({ kind: 'reject' })} data-testid="decide-reject">
          Reject <kbd>{keys.reject.toUpperCase()}</kbd>
        </button>
        <button onClick={() => void reviewStore.getState().undo()} title="Undo your last decision">
          Undo <kbd>Ctrl+Z</kbd>
        </button>
      </div>
      {pending?.kind === 'reject' && (
        <ol className="reasons" data-testid="reject-reasons">
          {REASONS.map((r, i) => (
            <li key={r}>
              <button
                onClick={() => (r === 'other' ? reviewStore.getState().setPending({ kind: 'comment', reasons: [r] }) : void reviewStore.getState().decide('reject', { reasons: [r] }))}
                data-testid={`reason-${r}`}
              >
                <kbd>{i + 1}</kbd> {REASON_TEXT[r]}
              </button>
            </li>
          ))}
        </ol>
      )}
      {pending?.kind === 'comment' && <CommentBox reasons={pending.reasons} />}
      {pending?.kind === 'fix' && <FixForm />}
      {revealed && cur.decisions.length > 0 && (
        <ul className="history small" data-testid="review-history">
          {cur.decisions.map((d) => (
            <li key={d.key}>
              <StatusBadge status={d.decision} /> by {d.reviewer} at {d.decidedAt.slice(11, 19)}
              {d.reasons?.length ? ` — ${d.reasons.join(', ')}` : ''}
              {d.comment ? ` — “${d.comment}”` : ''}
              {d.blind ? ` — blind: ${d.blind.answer || 'could not tell'}${d.blind.agrees === null ? '' : d.blind.agrees ? ' ✓' : ' ✗'}` : ''}
            </li>
          ))}
        </ul>
      )}
      {revealed && (
        <details className="small">
          <summary>Source and evidence</summary>
          <pre className="qa-evidence">{JSON.stringify({ source: sl.source, evidence: sl.evidence, value: sl.value, unit: sl.unit }, null, 1)}</pre>
        </details>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{status}</span>;
}

function CommentBox({ reasons }: { reasons: Reason[] }) {
  const [text, setText] = useState('');
  return (
    <form
      className="comment-box"
      onSubmit={(e) => {
        e.preventDefault();
        void reviewStore.getState().decide('reject', { reasons, comment: text.trim() });
      }}
    >
      <label>
        Why is it rejected? (Enter to save, Esc to cancel)
        <input
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && reviewStore.getState().setPending(null)}
          data-testid="reject-comment"
        />
      </label>
      <button type="submit" disabled={!text.trim()}>
        Reject
      </button>
    </form>
  );
}
