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
  const files = useScene((s) => s.files);
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
      {files?.depth && (
        <label className="field">
          <span>Depth-map units per metre</span>
          <select
            value={settings.depthUnitsPerMetre}
            onChange={(e) => {
              sceneStore.setState({ settings: { ...settings, depthUnitsPerMetre: Number(e.target.value) } });
              void sceneStore.getState().lift(files);
            }}
          >
            {[1000, 5000, 256, 100, 1].map((v) => (
              <option key={v} value={v}>
                {v} {v === 1000 ? '(millimetres)' : v === 5000 ? '(TUM)' : v === 256 ? '(KITTI)' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
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
