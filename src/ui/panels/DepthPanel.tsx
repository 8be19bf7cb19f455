import { useState } from 'react';
import { KNOWN_SCALES, describeScale, formatScale, scaleLabel, scaleSourceText } from '../../domain/lifting/depthScale';
import { SCENE_KINDS, type SceneKindChoice, fmtMetres } from '../../domain/lifting/plausibility';
import { sceneStore, useScene } from '../../store';

const CAL: Record<string, string> = {
  none: 'none (metric as given)',
  'mean-ratio': 'mean ratio (eq. 1)',
  'median-ratio': 'median ratio (robust)',
  'disparity-affine': 'affine in disparity space',
  'camera-height': 'assumed camera height',
};

/** Depth source, calibration and the invalid-point filters. */
export function DepthPanel() {
  const scene = useScene((s) => s.scene);
  const settings = useScene((s) => s.settings);
  if (!scene) return null;
  const d = scene.scene.depth;
  const st = scene.stats;
  const update = sceneStore.getState().update;
  return (
    <section className="panel" data-testid="depth-panel">
      <div className="panel-title">Depth</div>
      <div className="source">
        Source: <strong>{d.source}</strong>
        {d.metricSource && <div className="muted">metric reference: {d.metricSource}</div>}
        <div className="muted" data-testid="calibration">
          calibration: {CAL[d.calibration] ?? d.calibration}
          {d.scale !== null ? `, scale ${d.scale.toFixed(4)}` : ''}
          {d.affine ? `, 1/d = ${d.affine.a.toPrecision(4)}·disp + ${d.affine.b.toPrecision(4)}` : ''}
        </div>
      </div>
      {(d.calibration === 'mean-ratio' || d.calibration === 'median-ratio') && (
        <label className="field">
          <span>Scale from</span>
          <select value={d.calibration} onChange={(e) => void update({ calibration: e.target.value as 'mean-ratio' | 'median-ratio' })}>
            <option value="mean-ratio">mean ratio (paper eq. 1)</option>
            <option value="median-ratio">median ratio (robust)</option>
          </select>
        </label>
      )}
      {d.calibration === 'camera-height' && (
        <label className="field">
          <span>No metric depth: camera assumed {settings.assumedCameraHeight} m above the floor</span>
          <input type="number" step={0.05} min={0.1} value={settings.assumedCameraHeight} onChange={(e) => Number(e.target.value) > 0 && void update({ assumedCameraHeight: Number(e.target.value) })} />
        </label>
      )}
      {scene.depthScale && <DepthScaleField unitsPerMetre={scene.depthScale.unitsPerMetre} source={scaleSourceText(scene.depthScale)} />}
      <SceneCheck />
      <label className="slider">
        <span>Depth-edge threshold {(settings.edgeRtol * 100).toFixed(1)} % of depth</span>
        <input type="range" min={0.005} max={0.2} step={0.005} value={settings.edgeRtol} onChange={(e) => void update({ edgeRtol: Number(e.target.value) })} />
      </label>
      <label className="slider">
        <span>Outlier filter {settings.outlierK === 0 ? 'off' : `mean + ${settings.outlierK} σ`}</span>
        <input type="range" min={0} max={6} step={0.5} value={settings.outlierK} onChange={(e) => void update({ outlierK: Number(e.target.value) })} />
      </label>
      <div className="muted small" data-testid="filter-stats">
        {st.validDepth.toLocaleString()} pixels with depth · {st.edgePixels.toLocaleString()} edges/flying · {st.outliers.toLocaleString()} outliers removed
      </div>
    </section>
  );
}

/**
 * The depth map's scale: the menu shows the value the scene on screen was lifted with (a file's or
 * a typed one included), changing it lifts the photo again.
 */
function DepthScaleField({ unitsPerMetre, source }: { unitsPerMetre: number; source: string }) {
  const carried = useScene((s) => s.carry.depthScale !== null);
  const [typing, setTyping] = useState<string | null>(null);
  const s = sceneStore.getState();
  const known = KNOWN_SCALES.some((k) => k.unitsPerMetre === unitsPerMetre);
  const commit = () => {
    const v = Number(typing);
    setTyping(null);
    if (typing !== null && typing.trim() !== '' && v !== unitsPerMetre) void s.setDepthScale(v);
  };
  return (
    <div className="stack">
      <label className="field">
        <span>Depth-map units per metre</span>
        <select
          value={typing !== null ? 'other' : String(unitsPerMetre)}
          onChange={(e) => (e.target.value === 'other' ? setTyping(formatScale(unitsPerMetre)) : void s.setDepthScale(Number(e.target.value)))}
          data-testid="depth-scale"
        >
          {!known && <option value={String(unitsPerMetre)}>{formatScale(unitsPerMetre)}</option>}
          {KNOWN_SCALES.map((k) => (
            <option key={k.unitsPerMetre} value={String(k.unitsPerMetre)}>
              {k.unitsPerMetre} ({k.label})
            </option>
          ))}
          <option value="other">other…</option>
        </select>
      </label>
      {typing !== null && (
        <input
          type="number"
          min={0}
          step="any"
          autoFocus
          value={typing}
          onChange={(e) => setTyping(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => (e.key === 'Enter' ? commit() : e.key === 'Escape' && setTyping(null))}
          aria-label="Depth-map units per metre"
          data-testid="depth-scale-other"
        />
      )}
      <span className="muted small" data-testid="depth-scale-source">
        {source}
      </span>
      <label className="check">
        <input type="checkbox" checked={carried} onChange={(e) => s.setCarry('depthScale', e.target.checked)} data-testid="carry-depth-scale" />
        <span>
          Use {formatScale(unitsPerMetre)} per metre{scaleLabel(unitsPerMetre) ? ` (${scaleLabel(unitsPerMetre)})` : ''} for the next photos too
        </span>
      </label>
    </div>
  );
}

/** The scene kind the lift is checked against, and what the check found. */
function SceneCheck() {
  const report = useScene((s) => s.scene?.plausibility);
  const kind = useScene((s) => s.photo.sceneKind);
  if (!report) return null;
  const best = report.candidates[0];
  const summary = report.quantities.map((q) => `${q.name === 'camera height' ? 'camera' : q.name === 'extent' ? 'across' : 'median'} ${fmtMetres(q.value)} m`).join(' · ');
  return (
    <div className="stack">
      <label className="field">
        <span>Scene kind the lift is checked against</span>
        <select value={kind} onChange={(e) => void sceneStore.getState().update({ sceneKind: e.target.value as SceneKindChoice })} data-testid="scene-kind">
          <option value="auto">auto{report.kindSource === 'inferred' ? ` (${report.kind})` : ''}</option>
          {SCENE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <span className={`small ${report.plausible ? 'muted' : 'warn-text'}`} data-testid="plausibility">
        {report.plausible ? `Plausible for ${report.kind}: ` : `Implausible for ${report.kind}: `}
        {summary}
      </span>
      {best && (
        <span className="muted small" data-testid="best-scale">
          Best-fitting depth scale: {describeScale(best.unitsPerMetre)}, {Math.round(best.probability * 100)} %{best.current ? ' (in use)' : ''}
        </span>
      )}
      {report.kindSource === 'inferred' && <span className="muted small">Inferred: {report.kindReason}. Tabletop is never inferred (it looks like a small room): choose it.</span>}
    </div>
  );
}
