import { useEffect, useState } from 'react';
import { type ItemFlag, REASONS, type Reason } from '../../domain/review/types';
import { reviewKeys, reviewStore, useReview, useReviewKeys, isRevealed } from '../../store';
import { useLiftedPhotoIndex } from '../viewer/EvidenceLayer';
import { MarkReadings } from './Evidence3D';
import { MeasuredEvidence } from './MeasuredEvidence';
import { PREVIEW_CHARS, clip } from '../../domain/review/longText';
import { CappedText } from './CappedText';
import { ConflictNotices, LeasedNotice } from './Conflicts';
import { FixForm } from './FixForm';
import { blindAsk } from '../../domain/review/blind';
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

const FLAG_TEXT: Partial<Record<ItemFlag, string>> = {
  'missing-image': 'image missing',
  'html-in-text': 'HTML in the text (shown as text)',
  'modified-after-export': 'modified after export (does not match its manifest)',
  'mark-outside': 'a mark lies outside its image',
  'inverted-box': 'a box has its corners swapped',
  oversized: 'oversized text (shown cut)',
};

/** The item under review: its text (always as text, never HTML), options, answers and the decision bar. */
export function ReviewItem() {
  const cur = useReview((r) => r.current);
  const pending = useReview((r) => r.pending);
  const keys = useReview((r) => r.keys);
  const waiting = useReviewKeys((k) => k.waiting);
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
      <ConflictNotices />
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
              {FLAG_TEXT[f] ?? f}
            </span>
          ))}
        </div>
      )}
      <LeasedNotice item={cur.row.id} />
      <CappedText key={`q${cur.row.id}`} text={item.question} testId="review-question">
        {(q, cut) => (
          <p className={`review-question${cut ? ' long' : ''}`} data-testid="review-question">
            {q}
          </p>
        )}
      </CappedText>
      {options.length > 0 && (
        <ol className="qa-options">
          {options.map((o) => (
            <li key={o} className={revealed && o.startsWith(`${item.answer}.`) ? 'correct' : ''}>
              <CappedText key={cur.row.id} text={o}>
                {(t) => t}
              </CappedText>
            </li>
          ))}
        </ol>
      )}
      {!revealed && <BlindPrompt key={cur.row.id} ask={blindAsk(item)} />}
      {blind && revealed && answered && <BlindVerdict answered={answered} />}
      {revealed && (
        <div className="qa-answer" data-testid="review-answer">
          <span className="muted">Answer</span>{' '}
          <CappedText key={`a${cur.row.id}`} text={item.answer}>
            {(a) => <strong className={fixedAnswer !== undefined ? 'struck' : ''}>{a}</strong>}
          </CappedText>
          {fixedAnswer !== undefined && (
            <>
              {' '}
              → <strong data-testid="fixed-answer">{clip(fixedAnswer, PREVIEW_CHARS).shown}</strong>
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
      {!cur.scene && revealed && <MeasuredEvidence />}
      {!cur.scene && (lifted >= 0 ? revealed && <MarkReadings /> : <div className="muted small">No scene for this item in the project: the answer cannot be recomputed.{cur.images.some((i) => i.url) ? ' Lift its image (below) to measure its marks in 3D.' : ''}</div>)}

      <div className="decision-bar" role="toolbar" aria-label="Decision">
        <button className="accept" disabled={!revealed} title={revealed ? undefined : 'Answer first (blind review)'} onClick={() => reviewKeys.act({ type: 'decide', verdict: 'accept' }, 'Accept')} data-testid="decide-accept">
          Accept <kbd>{keys.accept.toUpperCase()}</kbd>
        </button>
        <button className="fix" disabled={!revealed} title={revealed ? undefined : 'Answer first (blind review)'} onClick={() => reviewKeys.act({ type: 'open', form: 'fix' }, 'Fix')} data-testid="decide-fix">
          Fix <kbd>{keys.fix.toUpperCase()}</kbd>
        </button>
        <button className="reject" onClick={() => reviewKeys.act({ type: 'open', form: 'reject' }, 'Reject')} data-testid="decide-reject">
          Reject <kbd>{keys.reject.toUpperCase()}</kbd>
        </button>
        <button onClick={() => reviewKeys.act({ type: 'undo' }, 'Undo')} title="Undo your last decision">
          Undo <kbd>Ctrl+Z</kbd>
        </button>
        {waiting > 1 && (
          <span className="muted small" data-testid="key-queue" title="Keys typed faster than items are saved and drawn wait their turn; each applies to the item the keys before it lead to.">
            {waiting} keys waiting…
          </span>
        )}
      </div>
      {pending?.kind === 'reject' && (
        <ol className="reasons" data-testid="reject-reasons">
          {REASONS.map((r, i) => (
            <li key={r}>
              <button
                onClick={() => reviewKeys.act(r === 'other' ? { type: 'open', form: 'comment', reasons: [r] } : { type: 'decide', verdict: 'reject', reasons: [r] }, REASON_TEXT[r])}
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
      {revealed && <SourceAndEvidence key={cur.row.id} data={{ source: sl.source, evidence: sl.evidence, value: sl.value, unit: sl.unit }} />}
    </div>
  );
}

/** The item's source and evidence as JSON, written out only when opened (a hostile file can make it huge). */
function SourceAndEvidence({ data }: { data: Record<string, unknown> }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="small" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Source and evidence</summary>
      {open && (
        <CappedText text={JSON.stringify(data, null, 1)}>
          {(t) => <pre className="qa-evidence">{t}</pre>}
        </CappedText>
      )}
    </details>
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
        reviewKeys.act({ type: 'decide', verdict: 'reject', reasons, comment: text.trim() }, 'Reject');
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
