import { catalogueUrl, consentLine, formatSize, recommended } from '../domain/models/catalogue';
import { downloadsStore, useDownloads, useModels } from '../store';
import { hostOf } from './ModelDownload';

/**
 * The consent screen for a photo without depth: one recommended model named with its size and
 * licence, downloaded only when asked, and what leaves the browser (nothing but that request).
 */
export function ModelOffer() {
  const catalogue = useDownloads((d) => d.catalogue);
  const base = useDownloads((d) => d.base);
  const active = useDownloads((d) => d.active);
  const partials = useDownloads((d) => d.partials);
  const models = useModels((m) => m.models);
  const installed = new Set(models.map((x) => x.id));
  const rec = recommended(catalogue);
  if (!rec) return null;
  const have = partials.get(rec.id) ?? 0;
  const others = catalogue.entries.filter((e) => e.id !== rec.id && !installed.has(e.id));
  return (
    <div className="model-offer" data-testid="model-offer">
      <button className="primary big" disabled={!!active} onClick={() => void downloadsStore.getState().download(rec.id)} data-testid="download-recommended">
        {consentLine(rec)}
        {have > 0 && !active ? ` (resume: ${formatSize(have)} already here)` : ''}
      </button>
      <p className="muted small-print">
        Only this file is requested, from <strong>{hostOf(base)}</strong> (<a href={rec.sourcePage} target="_blank" rel="noreferrer">{rec.repo}</a>, revision {rec.revision.slice(0, 7)}). Its
        SHA-256 is checked before it is used; it is then kept in this browser and works offline. <strong>Your photos never leave this browser</strong>, and nothing else is sent.
      </p>
      {others.length > 0 && (
        <details className="other-models">
          <summary>Other models ({others.length})</summary>
          <ul>
            {others.map((e) => (
              <li key={e.id} data-testid={`offer-${e.id}`}>
                <button disabled={!!active} onClick={() => void downloadsStore.getState().download(e.id)} title={catalogueUrl(e, base)}>
                  {consentLine(e)}
                </button>
                <span className="muted"> {e.output.meaning.split(':')[0]}{e.caveat ? ` — ${e.caveat}` : ''}</span>
              </li>
            ))}
          </ul>
          {catalogue.missing.length > 0 && (
            <p className="muted">Not offered: {catalogue.missing.map((m) => `${m.slot} (${m.why})`).join('; ')}.</p>
          )}
        </details>
      )}
    </div>
  );
}
