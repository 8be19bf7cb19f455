import type { VerdictRecord } from '../../domain/review/state';
import { type ShownConflict, reviewStore, useReview, useReviewLeases } from '../../store';

const time = (d: VerdictRecord) => d.decidedAt.slice(11, 19);
const verb = (d: VerdictRecord) => `${d.decision === 'accept' ? 'accepted' : d.decision === 'reject' ? 'rejected' : 'fixed'}${d.reasons?.length ? ` (${d.reasons.join(', ')})` : ''}`;

/** Conflicting decisions on one item (this tab's and another tab's or reviewer's), until dismissed. */
export function ConflictNotices() {
  const conflicts = useReview((r) => r.conflicts);
  const reviewer = useReview((r) => r.reviewer);
  if (!conflicts.length) return null;
  const who = (d: VerdictRecord, here: boolean) => (here ? 'in this tab' : d.reviewer === reviewer ? 'in another tab' : `by ${d.reviewer}`);
  const line = (c: ShownConflict) => `${verb(c.other)} ${who(c.other, c.yours === 'other')} and ${verb(c.latest)} ${who(c.latest, c.yours === 'latest')}, each without seeing the other; the later one (${c.latest.decision}, ${time(c.latest)}) counts.`;
  return (
    <div className="review-conflicts" role="alert" data-testid="review-conflicts">
      {conflicts.slice(0, 3).map((c) => (
        <div key={c.item} className="conflict" data-item-id={c.item}>
          <strong>Conflict on {c.item}:</strong> {line(c)}{' '}
          <button className="link" onClick={() => void reviewStore.getState().show(c.item)}>
            Open it
          </button>
          <button className="link" onClick={() => reviewStore.getState().dismissConflict(c.item)}>
            Dismiss
          </button>
        </div>
      ))}
      {conflicts.length > 3 && <div className="muted small">and {conflicts.length - 3} more</div>}
    </div>
  );
}

/** Says when the item on screen is also open in another tab of this reviewer. */
export function LeasedNotice({ item }: { item: string }) {
  const held = useReviewLeases((l) => l.others.has(item));
  if (!held) return null;
  return (
    <div className="notice small" data-testid="item-leased">
      Also open in another tab of yours: decide it in one (two different decisions are shown as a conflict).
    </div>
  );
}
