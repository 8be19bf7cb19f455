import { useState } from 'react';
import { describeScale } from '../domain/lifting/depthScale';
import { type Quantity, type SceneKind, PROFILES, candidateText, fmtMetres } from '../domain/lifting/plausibility';
import type { LiftedScene } from '../domain/scene/liftedView';
import { sceneStore, useScene } from '../store';

function line(q: Quantity, kind: SceneKind): string {
  const r = `${q.range.lo}–${q.range.hi} m`;
  if (q.name === 'camera height') return `camera ${fmtMetres(q.value)} m above the ${PROFILES[kind].support}; ${kind} cameras are ${r}`;
  if (q.name === 'median depth') return `median depth ${fmtMetres(q.value)} m; ${kind} scenes ${r}`;
  return `${fmtMetres(q.value)} m across; ${kind} scenes ${r}`;
}

/**
 * Shown at once when a lift is implausible for its kind of scene: what is wrong, in numbers, and
 * one click to the depth scale that makes it plausible.
 */
export function ScaleWarning() {
  const scene = useScene((s) => s.scene);
  const working = useScene((s) => s.phase === 'working');
  const [dismissed, setDismissed] = useState<LiftedScene | null>(null);
  const report = scene?.plausibility;
  if (!scene || !report || report.plausible || dismissed === scene || working) return null;
  const s = sceneStore.getState();
  const f = report.typicalFactor;
  return (
    <div className="scale-warning" role="alert" data-testid="scale-warning">
      <div className="scale-warning-head">
        <strong>
          Implausible for {report.kind === 'tabletop' ? 'a tabletop' : `an ${report.kind}`} scene: {f >= 1 ? `${f.toFixed(1)}× smaller` : `${(1 / f).toFixed(1)}× larger`} than usual
        </strong>
        <button className="link" onClick={() => setDismissed(scene)} aria-label="Dismiss">
          ×
        </button>
      </div>
      <ul>
        {report.quantities.map((q) => (
          <li key={q.name} className={q.outside ? 'out' : ''}>
            {line(q, report.kind)}
          </li>
        ))}
      </ul>
      {report.proposal && <div className="muted">{candidateText(report.proposal, report.kind)}</div>}
      {report.advice && <div className="muted">{report.advice}</div>}
      <div className="scale-warning-actions">
        {report.proposal && (
          <button className="primary" onClick={() => void s.setDepthScale(report.proposal!.unitsPerMetre)} data-testid="scale-fix">
            Lift at {describeScale(report.proposal.unitsPerMetre)}
          </button>
        )}
        {report.alsoFits.map((k) => (
          <button key={k} onClick={() => void s.update({ sceneKind: k })} data-testid={`kind-${k}`}>
            It is {k === 'tabletop' ? 'a tabletop' : `an ${k}`} scene
          </button>
        ))}
      </div>
      <div className="muted small" title={report.kindSource === 'inferred' ? `Inferred: ${report.kindReason}` : undefined}>
        Scene kind {report.kindSource === 'user' ? 'as you set it' : 'inferred'}: {report.kind}; change it in the Depth panel.
      </div>
    </div>
  );
}
