import { reviewStore, useReview } from '../../store';
import { correctionsOf, shownMarks } from '../../app/review/marks';
import { marksNamed } from '../../domain/qa/audit/measureItem';

const at = (m: { uv?: [number, number]; box?: [number, number, number, number] }) => (m.uv ? `(${m.uv.map((v) => Math.round(v)).join(', ')})` : `[${m.box!.map((v) => Math.round(v)).join(', ')}]`);

/** What the reviewer can do about the marks: place a missing one, choose a doubled one, undo; what they corrected. */
export function MarkTools() {
  const cur = useReview((r) => r.current);
  const edit = useReview((r) => r.markEdit);
  const foundMarks = useReview((r) => r.foundMarks);
  if (!cur || foundMarks.itemId !== cur.row.id) return null;
  const state = { current: cur, markEdit: edit, foundMarks };
  const status = shownMarks(state);
  const mine = correctionsOf(state);
  const wanted = marksNamed(cur.stored.item.question);
  const placing = edit.placing?.item === cur.row.id ? edit.placing : null;
  const s = () => reviewStore.getState();
  return (
    <div className="mark-tools small" data-testid="mark-tools">
      {placing ? (
        <div className="mark-placing" data-testid="mark-placing">
          <span className={`swatch ${placing.color}`} /> {placing.kind === 'point' ? `Click the ${placing.color} point on the photo` : `Drag the ${placing.color} box on the photo, corner to corner`}{' '}
          <button onClick={() => s().cancelPlacing()}>Cancel (Esc)</button>
        </div>
      ) : (
        <>
          {status.missing.map((m) => (
            <div key={`${m.color} ${m.kind}`} className="differs">
              No {m.color} {m.kind} found in the photo.{' '}
              <button className="primary" onClick={() => s().startPlacing(m.color, m.kind)} data-testid={`place-${m.color}-${m.kind}`}>
                Place the {m.color} {m.kind}
              </button>
            </div>
          ))}
          {status.doubled.map((m) => (
            <div key={`${m.color} ${m.kind}`} className="differs" data-testid="mark-doubled">
              {m.count} {m.color} {m.kind}s found (dashed on the photo): click the right one, or drag it where it belongs.
            </div>
          ))}
        </>
      )}
      {mine.length > 0 && (
        <div data-testid="mark-corrections">
          Your marks (used instead of the found ones; saved with your decision):{' '}
          {mine.map((c, k) => (
            <span key={k}>
              <span className={`swatch ${c.color}`} /> {c.color} {c.kind} {at(c)}
              {mine.some((x) => x.image > 0) ? ` on image ${c.image + 1}` : ''}
              {k < mine.length - 1 ? '; ' : ''}
            </span>
          ))}
        </div>
      )}
      <div className="mark-actions muted">
        {wanted.length > 0 && !placing && (
          <>
            Drag a mark on the photo to move it, or place one:{' '}
            {wanted.map((w) => (
              <button key={`${w.color} ${w.kind}`} className="link" onClick={() => s().startPlacing(w.color, w.kind)} data-testid={`replace-${w.color}-${w.kind}`}>
                <span className={`swatch ${w.color}`} /> {w.color} {w.kind}
              </button>
            ))}
          </>
        )}
        {edit.item === cur.row.id && edit.history.length > 0 && (
          <button onClick={() => s().undoMark()} title="Undo the last mark correction (Ctrl+Z)" data-testid="undo-mark">
            Undo mark (Ctrl+Z)
          </button>
        )}
      </div>
    </div>
  );
}
