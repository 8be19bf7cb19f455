import { useEffect, useState } from 'react';
import type { PixelAudit } from '../../domain/qa/audit/measureItem';
import { measureReviewItem, reviewStore, useReview } from '../../store';
import { correctionsOf } from '../../app/review/marks';
import { MarkTools } from './MarkTools';

const at = (m: PixelAudit['marks_found'][number]) => (m.uv ? `(${m.uv[0].toFixed(1)}, ${m.uv[1].toFixed(1)})` : `[${m.box!.map((x) => x.toFixed(0)).join(', ')}]`);

/** A published item measured again from its own pixels and depth: marks found, answer vs measurement. */
export function MeasuredEvidence() {
  const id = useReview((r) => r.current?.row.id);
  // the reviewer's marks: measured again whenever they change
  const corrected = useReview((r) => JSON.stringify(correctionsOf(r)));
  const [state, setState] = useState<{ id: string; audit: PixelAudit | null; error?: string; corrected: string } | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    // the same item measured again keeps its line on screen until the new one comes
    setState((s) => (s?.id === id ? s : null));
    measureReviewItem().then(
      (audit) => {
        if (!live) return;
        setState({ id, audit, corrected });
        if (audit) reviewStore.getState().setFoundMarks(id, audit);
      },
      (e: Error) => live && setState({ id, audit: null, error: e.message, corrected }),
    );
    return () => {
      live = false;
    };
  }, [id, corrected]);
  if (!id) return null;
  if (!state || state.id !== id) return <div className="measured muted small">Finding the marks in the photo…</div>;
  if (state.error) return <div className="measured small"><span className="mismatch">The photo could not be measured: {state.error}</span></div>;
  const a = state.audit;
  if (!a) return null;
  const verdict = a.findings.find((f) => f.code.startsWith('measured-'));
  const notes = a.findings.filter((f) => f !== verdict && f.severity !== 'info');
  const infos = a.findings.filter((f) => f !== verdict && f.severity === 'info');
  // the reviewer's own marks are listed by the mark tools, not as found
  const found = a.marks_found.filter((m) => m.source !== 'reviewer');
  const stale = state.corrected !== corrected;
  return (
    <div className={`measured${stale ? ' stale' : ''}`} data-testid="measured" data-measuring={stale ? 'yes' : undefined}>
      {a.display && (
        <div className={`measured-line ${a.mismatch ? 'mismatch' : verdict?.severity === 'warn' ? 'differs' : verdict?.code === 'measured-not-judged' || verdict?.code === 'measured-undecided' ? 'undecided' : 'agrees'}`} data-testid="measured-line">
          {a.display}
          {a.mismatch ? ' — disagrees' : verdict?.severity === 'warn' ? ' — differs' : ''}
        </div>
      )}
      {stale && <div className="small muted">Measuring again with your marks…</div>}
      {notes.map((f) => (
        <div key={f.code + f.message} className={`small ${f.severity === 'error' ? 'mismatch' : 'differs'}`}>
          {f.message}
        </div>
      ))}
      {infos.map((f) => (
        <div key={f.code + f.message} className="small muted">
          {f.message}
        </div>
      ))}
      {found.length > 0 && (
        <div className="small muted" data-testid="marks-found">
          Marks found in the pixels:{' '}
          {found.map((m, k) => (
            <span key={k} className="mark-found">
              <span className={`swatch ${m.color}`} /> {m.color} {m.kind} {at(m)}
              {a.marks_found.some((x) => x.image > 0) ? ` on image ${m.image + 1}` : ''} ({Math.round(m.confidence * 100)} %){k < found.length - 1 ? '; ' : ''}
            </span>
          ))}
        </div>
      )}
      <MarkTools />
    </div>
  );
}
