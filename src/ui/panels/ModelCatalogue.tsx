import { useState } from 'react';
import { consentLine, formatSize } from '../../domain/models/catalogue';
import { downloadsStore, useDownloads, useModels } from '../../store';
import { hostOf } from '../ModelDownload';

/** Models panel: the catalogue's models not yet here, and the download base (a mirror). */
export function ModelCatalogue() {
  const { catalogue, base, baseSetting, active, catalogueSource, partials } = useDownloads((d) => d);
  const models = useModels((m) => m.models);
  const installed = new Set(models.map((x) => x.id));
  const [draft, setDraft] = useState<string | null>(null);
  const missing = catalogue.entries.filter((e) => !installed.has(e.id));
  return (
    <div className="model-catalogue" data-testid="model-catalogue">
      <div className="muted">
        Download ({catalogueSource === 'built-in' ? 'catalogue' : catalogueSource}, from {hostOf(base)}); photos never leave this browser:
      </div>
      <ul className="catalogue">
        {missing.map((e) => (
          <li key={e.id}>
            <button className="small" disabled={!!active} onClick={() => void downloadsStore.getState().download(e.id)} data-testid={`catalogue-${e.id}`} title={e.caveat ?? e.sourcePage}>
              {consentLine(e)}
              {partials.get(e.id) && active?.id !== e.id ? ` (resume: ${formatSize(partials.get(e.id))} already here)` : ''}
            </button>
          </li>
        ))}
      </ul>
      <label className="field">
        <span>Model download base (mirror)</span>
        <input
          type="url"
          placeholder={base}
          value={draft ?? baseSetting ?? ''}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            if (draft === null) return;
            downloadsStore.getState().setBase(draft);
            setDraft(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          data-testid="model-base"
        />
      </label>
    </div>
  );
}
