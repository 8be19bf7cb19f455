import type { ColourMode } from '../domain/lifting/display';
import { sceneStore, useObjects, useView, viewStore } from '../store';

const BUDGETS = [100_000, 300_000, 1_000_000, 3_000_000];

/** Display controls of the 3D view. */
export function ViewerToolbar() {
  const { colourMode, pointSize, pointBudget, measuring, showFrustum, boxMode } = useView((v) => v);
  const hasSelection = useObjects((o) => !!o.objects.find((x) => x.id === o.selectedId)?.box3d);
  const v = viewStore.getState();
  return (
    <div className="viewer-toolbar">
      <button onClick={v.resetView} title="Back to the starting viewpoint">
        Reset view
      </button>
      <button className={measuring ? 'on' : ''} onClick={v.toggleMeasure} data-testid="measure-toggle" title="Click two points in the photo or in 3D">
        {measuring ? 'Measuring…' : 'Measure'}
      </button>
      <div className="segmented" role="radiogroup" aria-label="Colour by">
        {(['rgb', 'height', 'depth'] as ColourMode[]).map((m) => (
          <button key={m} className={colourMode === m ? 'on' : ''} onClick={() => v.setColourMode(m)} role="radio" aria-checked={colourMode === m}>
            {m === 'rgb' ? 'RGB' : m === 'height' ? 'Height' : 'Depth'}
          </button>
        ))}
      </div>
      <label className="inline">
        size
        <input type="range" min={1} max={6} step={0.5} value={pointSize} onChange={(e) => v.setPointSize(Number(e.target.value))} />
      </label>
      <label className="inline">
        budget
        <select
          value={pointBudget}
          onChange={(e) => {
            v.setPointBudget(Number(e.target.value));
            void sceneStore.getState().update({});
          }}
          data-testid="budget"
        >
          {BUDGETS.map((b) => (
            <option key={b} value={b}>
              {b >= 1e6 ? `${b / 1e6}M` : `${b / 1e3}k`} points
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={showFrustum} onChange={v.toggleFrustum} /> camera
      </label>
      {hasSelection && (
        <div className="segmented" role="radiogroup" aria-label="Box handles">
          {(['translate', 'rotate', 'scale'] as const).map((m) => (
            <button key={m} className={boxMode === m ? 'on' : ''} onClick={() => v.setBoxMode(m)} data-testid={`box-mode-${m}`}>
              {m === 'translate' ? 'Move' : m === 'rotate' ? 'Yaw' : 'Size'}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
