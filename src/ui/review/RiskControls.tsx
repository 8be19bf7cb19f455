import { useEffect } from 'react';
import { reviewStore, useReview } from '../../store';

/** The queue's risk controls: audit the items (in the review worker, with progress), and only the measured mismatches. */
export function RiskControls() {
  const risks = useReview((r) => r.risks);
  const auditing = useReview((r) => r.auditing);
  const mismatch = useReview((r) => r.filter.mismatch === true);
  const rows = useReview((r) => r.rows.length);
  const project = useReview((r) => r.project);
  const read = useReview((r) => r.risksRead);
  const s = reviewStore.getState();
  // the stored risks of the project, for the counts here (the queue itself reads them when sorted by risk)
  useEffect(() => {
    if (read !== project) void reviewStore.getState().readRisks();
  }, [project, read]);
  let mismatches = 0;
  for (const r of risks.values()) if (r.mismatch) mismatches++;
  return (
    <span className="row risk-controls" data-testid="risk-controls">
      <button
        className={`chip ${mismatch ? 'on' : ''}`}
        onClick={() => s.setFilter({ mismatch: mismatch ? undefined : true })}
        title="Only items whose answer disagrees with what their own pixels and depth measure"
        data-testid="filter-mismatch"
      >
        measured mismatch {mismatches}
      </button>
      {auditing ? (
        <span className="muted small" data-testid="auditing">
          auditing {auditing.done} / {auditing.total}…
        </span>
      ) : (
        <button onClick={() => void s.auditRisks()} title="Check every item and measure those with marks from their pixels and depth (in the background), for the risk sort" data-testid="audit-risks">
          Audit risks · {risks.size}/{rows}
        </button>
      )}
    </span>
  );
}

/** A row's risk, when audited: a measured mismatch in red, else the audit's risk as a percentage. */
export function RiskTag({ id }: { id: string }) {
  const r = useReview((s) => s.risks.get(id));
  if (!r) return null;
  if (r.mismatch)
    return (
      <span className="tag risk-mismatch" title={r.line ?? 'the answer disagrees with the measurement'} data-testid="risk-mismatch">
        mismatch
      </span>
    );
  return r.risk >= 0.05 ? (
    <span className="tag risk" title={`${r.errors} errors, ${r.warnings} warnings`}>
      risk {Math.round(r.risk * 100)}%
    </span>
  ) : null;
}
