import { useEffect } from 'react';
import { MANIFEST_CAVEAT } from '../../domain/review/exportCheck';
import { reviewStore, useReview } from '../../store';

/** An export that changed after it was written: what differs, per file, and the user's choice. */
export function ModifiedExportDialog() {
  const pending = useReview((r) => r.modifiedExport);
  useEffect(() => {
    if (!pending) return;
    // the review keys must not decide items behind the dialog; Escape refuses (nothing is imported)
    const on = (e: KeyboardEvent) => {
      if (e.key === 'Tab' || e.key === 'Enter' || e.key === ' ') return;
      e.stopImmediatePropagation();
      if (e.key === 'Escape') void reviewStore.getState().resolveModifiedExport('refuse');
    };
    window.addEventListener('keydown', on, { capture: true });
    return () => window.removeEventListener('keydown', on, { capture: true });
  }, [pending]);
  if (!pending) return null;
  const s = reviewStore.getState();
  return (
    <div className="help-overlay" role="dialog" aria-modal="true" aria-labelledby="modified-export-title" data-testid="modified-export">
      <div className="help-card modified-export">
        <h2 id="modified-export-title">{pending.checks.length === 1 ? `${pending.checks[0].zip} was changed after it was exported` : 'These exports were changed after they were exported'}</h2>
        {pending.checks.map((c) => (
          <section key={c.zip}>
            {pending.checks.length > 1 && <h3>{c.zip}</h3>}
            <ul className="modified-list" data-testid="modified-files">
              {c.files.map((f) => (
                <li key={f.path}>
                  <code>{f.path.slice(c.zip.length + 1)}</code> {f.message}
                </li>
              ))}
              {c.consistency.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            <p className="muted small">
              {c.filesListed} files listed in its manifest{c.createdAt ? `, exported ${c.createdAt.slice(0, 16).replace('T', ' ')} UTC` : ''}. Manifest SHA-256: <code>{c.manifestSha256}</code>
            </p>
          </section>
        ))}
        <p className="muted small">{MANIFEST_CAVEAT}</p>
        <div className="row">
          <button onClick={() => void s.resolveModifiedExport('refuse')} data-testid="modified-refuse" autoFocus>
            Refuse the import
          </button>
          <button onClick={() => void s.resolveModifiedExport('flag')} data-testid="modified-flag">
            Import, flagging the changed items “modified after export”
          </button>
        </div>
      </div>
    </div>
  );
}
