import { useEffect, useMemo, useRef, useState } from 'react';
import { type ExportChoice, type ExportLayout, EXPORT_LAYOUTS, LAYOUT_LABELS, defaultChoice } from '../../domain/review/export/choice';
import { type ExportMeasure, estimateExport, formatSize } from '../../domain/review/export/estimate';
import type { Status } from '../../domain/review/types';
import { reviewStore, useReview } from '../../store';

const STATUS_LABELS: [Status, string][] = [
  ['accept', 'Accepted'],
  ['fix', 'Fixed'],
  ['reject', 'Rejected'],
  ['undecided', 'Undecided'],
];

const LAYOUT_HINTS: ReadonlyMap<ExportLayout, string> = new Map([
  ['as-imported', 'SPAR-7M records as SPAR-7M, SPAR-Bench parquet as parquet, JSONL as JSONL, generated items as QA JSONL'],
  ['qa-jsonl', 'one JSONL of QA items (question, options, answer, marks, objects, evidence)'],
  ['spar7m', 'conversations and coloured marks on the 0–1000 scale, in qa_jsonl/train/<task>/<format>/, images under images/'],
  ['spar-bench-parquet', 'SPAR-Bench’s columns with the images inside, readable by HF datasets'],
]);

/**
 * Export reviewed…: which items (the queue's filter or the whole project, by status and task),
 * which layout, images and marked photos or not, with the count and the estimated size before it
 * starts, and progress (with Cancel) while the review worker writes it.
 */
export function ExportDialog() {
  const open = useReview((r) => r.exportDialog);
  if (!open) return null;
  return <ExportDialogBody />;
}

function ExportDialogBody() {
  const s = reviewStore.getState();
  const busy = useReview((r) => r.busy);
  const version = useReview((r) => r.version);
  const rows = useReview((r) => r.rows);
  const filter = useReview((r) => r.filter);
  const [choice, setChoice] = useState<ExportChoice>(() => defaultChoice(s.filter, s.exportMarked));
  const patch = (p: Partial<ExportChoice>) => setChoice((c) => ({ ...c, ...p }));
  const selection = useMemo(() => s.exportSelection(choice), [choice.scope, choice.statuses, choice.tasks, rows, filter, version]);
  const inFilter = useMemo(() => s.exportSelection({ ...choice, scope: 'filter' }).ids.length, [choice.statuses, choice.tasks, rows, filter, version]);
  const inProject = useMemo(() => s.exportSelection({ ...choice, scope: 'project' }).ids.length, [choice.statuses, choice.tasks, rows, version]);
  const [measure, setMeasure] = useState<{ ids: string[]; m: ExportMeasure } | null>(null);
  const asked = useRef<string[] | null>(null);
  useEffect(() => {
    const ids = selection.ids;
    if (!ids.length) return;
    // ask the worker once the boxes have settled, and keep only the answer to the last question
    const t = setTimeout(() => {
      asked.current = ids;
      void s.measureExport(ids).then(
        (m) => asked.current === ids && setMeasure({ ids, m }),
        () => asked.current === ids && setMeasure(null),
      );
    }, 200);
    return () => clearTimeout(t);
  }, [selection]);
  const current = measure && measure.ids === selection.ids ? measure.m : null;
  const estimate = current ? estimateExport(current, choice.layout, choice.images, choice.marked) : null;

  useEffect(() => {
    // the review keys must not decide items behind the dialog; Escape closes it (or cancels the export)
    const on = (e: KeyboardEvent) => {
      if (e.key === 'Tab' || e.key === 'Enter' || e.key === ' ' || e.key.startsWith('Arrow')) return;
      e.stopImmediatePropagation();
      if (e.key !== 'Escape') return;
      if (reviewStore.getState().busy) reviewStore.getState().cancelExport();
      else reviewStore.getState().setExportDialog(false);
    };
    window.addEventListener('keydown', on, { capture: true });
    return () => window.removeEventListener('keydown', on, { capture: true });
  }, []);

  const tasks = [...new Set([...selection.byTask.keys(), ...(choice.tasks ?? [])])].sort();
  const toggleStatus = (st: Status, on: boolean) => patch({ statuses: on ? [...choice.statuses, st] : choice.statuses.filter((x) => x !== st) });
  const toggleTask = (t: string, on: boolean) => {
    const chosen = choice.tasks ?? tasks;
    const next = on ? [...chosen, t] : chosen.filter((x) => x !== t);
    patch({ tasks: next.length === tasks.length && tasks.every((x) => next.includes(x)) ? null : next });
  };
  const n = selection.ids.length;
  const exporting = !!busy;
  return (
    <div className="help-overlay" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog">
      <div className="help-card export-dialog">
        <h2 id="export-title">Export reviewed items</h2>
        <div className="export-grid">
          <fieldset disabled={exporting}>
            <legend>Items</legend>
            <label>
              <input type="radio" name="export-scope" checked={choice.scope === 'filter'} onChange={() => patch({ scope: 'filter' })} data-testid="export-scope-filter" /> The queue’s current filter ({inFilter.toLocaleString()})
            </label>
            <label>
              <input type="radio" name="export-scope" checked={choice.scope === 'project'} onChange={() => patch({ scope: 'project' })} data-testid="export-scope-project" /> The whole project ({inProject.toLocaleString()})
            </label>
            <div className="export-statuses">
              {STATUS_LABELS.map(([st, label]) => (
                <label key={st}>
                  <input type="checkbox" checked={choice.statuses.includes(st)} onChange={(e) => toggleStatus(st, e.target.checked)} data-testid={`export-status-${st}`} /> {label} ({selection.byStatus[st].toLocaleString()})
                </label>
              ))}
            </div>
            <div className="export-tasks-head">
              <label>
                <input type="checkbox" checked={choice.tasks === null} onChange={(e) => patch({ tasks: e.target.checked ? null : [] })} data-testid="export-tasks-all" /> Every task
              </label>
            </div>
            <ul className="export-tasks" data-testid="export-tasks">
              {tasks.map((t) => (
                <li key={t}>
                  <label title={t}>
                    <input type="checkbox" checked={choice.tasks === null || choice.tasks.includes(t)} onChange={(e) => toggleTask(t, e.target.checked)} data-task={t} /> {t} ({(selection.byTask.get(t) ?? 0).toLocaleString()})
                  </label>
                </li>
              ))}
              {!tasks.length && <li className="muted">No item has the chosen statuses.</li>}
            </ul>
          </fieldset>
          <fieldset disabled={exporting}>
            <legend>Layout</legend>
            {EXPORT_LAYOUTS.map((l) => (
              <label key={l} className="export-layout">
                <input type="radio" name="export-layout" checked={choice.layout === l} onChange={() => patch({ layout: l })} data-testid={`export-layout-${l}`} />
                <span>
                  {LAYOUT_LABELS.get(l)}
                  <br />
                  <span className="muted small">{LAYOUT_HINTS.get(l)}</span>
                </span>
              </label>
            ))}
            <legend className="export-files">Files</legend>
            <label title="The photos the records name, as they were imported (inside the parquet for the parquet layout)">
              <input type="checkbox" checked={choice.images} onChange={(e) => patch({ images: e.target.checked })} data-testid="export-images" /> Original images{current ? ` (${current.images.toLocaleString()}, ${formatSize(current.imageBytes)})` : ''}
            </label>
            <label title="A copy of each photo with the item's coloured points and boxes drawn, as SPAR showed them to its models; each costs a JPEG encode (a few ms), so leave it off for very large exports">
              <input type="checkbox" checked={choice.marked} onChange={(e) => patch({ marked: e.target.checked })} data-testid="export-marked" /> Marked photos{current ? ` (${current.marked.toLocaleString()})` : ''}
            </label>
            {current && current.missingImages > 0 && (
              <p className="muted small" data-testid="export-missing">
                {current.missingImages.toLocaleString()} image reference{current.missingImages === 1 ? ' is' : 's are'} not in the project: the records name them, the zip cannot hold them.
              </p>
            )}
          </fieldset>
        </div>
        <p className="export-summary" data-testid="export-summary" aria-live="polite">
          {n ? (
            <>
              <strong>{n.toLocaleString()} item{n === 1 ? '' : 's'}</strong>
              {estimate ? ` · about ${formatSize(estimate.bytes)} · ${estimate.files.toLocaleString()} files` : ' · estimating the size…'}
            </>
          ) : (
            'No item matches: choose at least one status and one task.'
          )}
        </p>
        {exporting && busy && (
          <div className="review-progress" data-testid="export-progress">
            {busy.label} {busy.total > 1 ? `${busy.done.toLocaleString()} / ${busy.total.toLocaleString()}` : '…'}
            <progress value={busy.done} max={Math.max(1, busy.total)} />
          </div>
        )}
        <div className="row export-actions">
          {exporting ? (
            <button onClick={() => s.cancelExport()} data-testid="export-cancel">
              Cancel export
            </button>
          ) : (
            <button onClick={() => s.setExportDialog(false)} data-testid="export-close">
              Close
            </button>
          )}
          <button className="primary" onClick={() => void s.exportChosen(choice)} disabled={!n || exporting} data-testid="export-start" autoFocus>
            Export {n.toLocaleString()} item{n === 1 ? '' : 's'}
          </button>
        </div>
      </div>
    </div>
  );
}
