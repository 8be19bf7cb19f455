import { formatSize } from '../domain/models/catalogue';
import { downloadsStore, useDownloads } from '../store';

/** The download in progress: bar, bytes, cancel. */
export function DownloadProgress() {
  const active = useDownloads((d) => d.active);
  const entry = useDownloads((d) => (d.active ? d.catalogue.entries.find((e) => e.id === d.active!.id) : undefined));
  if (!active) return null;
  const frac = active.total ? active.received / active.total : null;
  return (
    <div className="progress download-progress" role="status" data-testid="download-progress">
      <div className="progress-label">
        Downloading {entry ? `${entry.name} (${entry.variant})` : active.id}: {formatSize(active.received)}
        {active.total ? ` of ${formatSize(active.total)}` : ''}
        {active.resumedFrom > 0 ? ` (resumed at ${formatSize(active.resumedFrom)})` : ''}
      </div>
      <div className="bar" aria-valuenow={frac === null ? undefined : Math.round(frac * 100)} aria-valuemin={0} aria-valuemax={100} role="progressbar">
        <div style={{ width: `${frac === null ? 100 : Math.round(frac * 100)}%` }} />
      </div>
      <button onClick={() => downloadsStore.getState().cancel()} data-testid="download-cancel">
        Cancel
      </button>
    </div>
  );
}

/** The last download's outcome (refusal, cancel, success). */
export function DownloadMessage() {
  const message = useDownloads((d) => d.message);
  if (!message) return null;
  return (
    <div className={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="download-message">
      <span>{message.text}</span>
      <button className="link" onClick={() => downloadsStore.getState().dismiss()} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

/** Host name of the base, for "fetched from huggingface.co". */
export const hostOf = (base: string) => {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
};
