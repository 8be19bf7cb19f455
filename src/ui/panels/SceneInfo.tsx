import { useScene } from '../../store';

/** What was lifted, how, and how long it took. */
export function SceneInfo() {
  const scene = useScene((s) => s.scene);
  if (!scene) return null;
  const { image } = scene.scene;
  const t = scene.timings;
  const models = Object.entries(scene.modelsMs);
  return (
    <section className="panel" data-testid="scene-info">
      <div className="panel-title">Scene</div>
      <div>
        <strong>{image.file}</strong> <span className="muted">{image.width}×{image.height}</span>
      </div>
      <div data-testid="point-count">
        {scene.totalPoints.toLocaleString()} points{scene.display.count < scene.totalPoints ? ` (${scene.display.count.toLocaleString()} shown)` : ''}
      </div>
      {scene.backend && <div className="muted" data-testid="backend">inference: {scene.backend}</div>}
      {models.map(([id, ms]) => (
        <div key={id} className="muted">
          {id}: {ms.toFixed(0)} ms
        </div>
      ))}
      <div className="muted small">
        {Object.entries(t)
          .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
          .join(' · ')}
      </div>
    </section>
  );
}
