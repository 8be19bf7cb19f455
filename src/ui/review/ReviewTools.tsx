import { useState } from 'react';
import { countsText, hasReport, importCounts } from '../../domain/review/importReport';
import { importReportsStore, reviewStore, useReview } from '../../store';
import { ReportLines } from './ImportReports';

/** A seeded stratified sample (SPAR checked 400 per task) and assignment to several reviewers. */
export function ReviewTools() {
  const [perTask, setPerTask] = useState(400);
  const [seed, setSeed] = useState(0);
  const [who, setWho] = useState('');
  const [overlap, setOverlap] = useState(20);
  const lastImport = useReview((r) => r.lastImport);
  const listed = useReview((r) => r.listed.length);
  const s = reviewStore.getState();
  return (
    <div className="review-tools">
      <details>
        <summary>Sample</summary>
        <div className="row small">
          <label>
            per task <input type="number" min={1} value={perTask} onChange={(e) => setPerTask(Math.max(1, e.target.valueAsNumber || 1))} style={{ width: 64 }} data-testid="sample-per-task" />
          </label>
          <label>
            seed <input type="number" value={seed} onChange={(e) => setSeed(e.target.valueAsNumber || 0)} style={{ width: 56 }} />
          </label>
          <button onClick={() => void s.sample(perTask, seed)} data-testid="sample-button">
            Draw sample
          </button>
        </div>
      </details>
      <details>
        <summary>Assign for agreement</summary>
        <div className="row small">
          <input placeholder="reviewers: ana, ben, …" value={who} onChange={(e) => setWho(e.target.value)} />
          <label>
            overlap % <input type="number" min={0} max={100} value={overlap} onChange={(e) => setOverlap(Math.max(0, Math.min(100, e.target.valueAsNumber || 0)))} style={{ width: 52 }} />
          </label>
          <button
            disabled={!listed}
            onClick={() => {
              const names = who.split(',').map((x) => x.trim()).filter(Boolean);
              if (names.length) void s.assign(names, { kind: 'overlap', fraction: overlap / 100, raters: Math.min(2, names.length) }, seed);
            }}
          >
            Assign the {listed} listed
          </button>
        </div>
      </details>
      {lastImport && hasReport(importCounts(lastImport)) && (
        <details className="import-report" data-testid="import-report">
          <summary>
            Last import: {countsText(importCounts(lastImport), true)}
          </summary>
          <ReportLines r={lastImport} />
        </details>
      )}
      <button className="link small" onClick={() => importReportsStore.getState().show()} data-testid="import-reports-button">
        Import reports of this project…
      </button>
    </div>
  );
}
