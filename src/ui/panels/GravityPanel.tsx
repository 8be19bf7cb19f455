import { sceneStore, useScene } from '../../store';
import { NumberField } from './NumberField';

const deg = (r: number) => (r * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;
const SOURCE: Record<string, string> = { 'plane-fit': 'support-plane fit', manual: 'set by hand', none: 'none (no support plane found)', model: 'model', dataset: 'dataset' };

/** Gravity: roll, pitch and camera height from the support-plane fit, or set by hand. */
export function GravityPanel() {
  const scene = useScene((s) => s.scene);
  const gravity = useScene((s) => s.photo.gravity);
  if (!scene) return null;
  const g = scene.scene.gravity;
  const set = (patch: { roll?: number; pitch?: number; cameraHeight?: number }) =>
    void sceneStore.getState().update({ gravity: { roll: g.roll, pitch: g.pitch, cameraHeight: g.cameraHeight, ...gravity, ...patch } });
  return (
    <section className="panel" data-testid="gravity-panel">
      <div className="panel-title">Gravity</div>
      <div className="source">
        Source: <strong data-testid="gravity-source">{SOURCE[g.source] ?? g.source}</strong>
        {g.planeRms !== undefined && (
          <div className="muted">
            support plane: RMS {(g.planeRms * 100).toFixed(1)} cm, {((g.planeInlierRatio ?? 0) * 100).toFixed(0)} % of points
          </div>
        )}
      </div>
      <div className="grid3">
        <NumberField label="roll °" value={deg(g.roll ?? 0)} step={0.5} digits={1} onCommit={(v) => set({ roll: rad(v) })} testId="roll" />
        <NumberField label="pitch °" value={deg(g.pitch ?? 0)} step={0.5} digits={1} onCommit={(v) => set({ pitch: rad(v) })} testId="pitch" />
        <NumberField label="height m" value={g.cameraHeight ?? 0} step={0.05} digits={2} onCommit={(v) => set({ cameraHeight: v })} testId="camera-height" />
      </div>
      {g.source === 'manual' && <button onClick={() => void sceneStore.getState().update({ gravity: {} })}>Back to the plane fit</button>}
    </section>
  );
}
