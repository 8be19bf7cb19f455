import { countsText, importCounts, type ImportReport } from '../../domain/review/importReport';
import { importReportsStore, useImportReports } from '../../store';
import { useEscape } from '../escapeStack';

/** Every import of the project and what it met, newest first; the newest (or the one asked for) open. */
export function ImportReports() {
  const open = useImportReports((r) => r.open);
  const reports = useImportReports((r) => r.reports);
  const close = () => importReportsStore.getState().close();
  useEscape(!!open, close);
  if (!open) return null;
  const first = open.id ?? reports[0]?.id;
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Import reports" data-testid="import-reports-dialog">
        <div className="dialog-head">
          <strong>Import reports</strong>
          <span className="muted small">every import of this project, newest first</span>
          <span className="spacer" />
          <button className="link" onClick={close} aria-label="Close">
            ×
          </button>
        </div>
        {!reports.length && <p className="muted">No import has finished in this project yet.</p>}
        {reports.map((r) => (
          <ReportEntry key={r.id} r={r} open={r.id === first} />
        ))}
      </div>
    </div>
  );
}

/** One or two files by name, more as the first and a count (a folder is hundreds of paths). */
const filesText = (files: readonly string[]) => (files.length <= 2 ? files.join(', ') : `${files[0].split('/').pop()} and ${files.length - 1} more files`);

/** One import: its files, when, its counts in the message's words, then every problem and missing image. */
export function ReportEntry({ r, open, testId = 'import-report-entry' }: { r: ImportReport; open: boolean; testId?: string }) {
  const counts = importCounts(r);
  return (
    <details open={open} className="import-report" data-testid={testId}>
      <summary>
        {new Date(r.at).toLocaleString()} · <strong>{countsText(counts, true)}</strong> · {r.added.toLocaleString('en-US')} items, {r.images.toLocaleString('en-US')} images ·{' '}
        <span title={r.files.join('\n')}>{filesText(r.files)}</span>
      </summary>
      <ReportLines r={r} />
    </details>
  );
}

/** An import's problems and missing images, the first 100 of each. */
export function ReportLines({ r }: { r: Pick<ImportReport, 'problems' | 'missingImages'> }) {
  return (
    <ul className="small">
      {r.problems.slice(0, 100).map((p, i) => (
        <li key={i}>
          <code>
            {p.file}
            {p.line ? `:${p.line}` : ''}
          </code>{' '}
          {p.message}
        </li>
      ))}
      {r.missingImages.slice(0, 100).map((m) => (
        <li key={m.appId}>
          <code>{m.appId}</code> image missing: {m.images.join(', ')}
        </li>
      ))}
      {(r.problems.length > 100 || r.missingImages.length > 100) && <li className="muted">the first 100 of each are listed</li>}
    </ul>
  );
}
