import { useEffect, useState } from 'react';
import { sceneStore, useScene } from '../store';

const STAGES: Record<string, string> = {
  read: 'Reading files',
  decode: 'Decoding the photo',
  'model:camera': 'Running the camera model',
  'model:relative': 'Running the depth model',
  'model:metric': 'Running the metric depth model',
  calibrate: 'Calibrating scale',
  filter: 'Removing invalid points',
  'plane-fit': 'Finding the floor (gravity)',
  unproject: 'Building the point cloud',
  done: 'Drawing',
};

/** Where the lift is, how long it has run, and a way to stop it. */
export function Progress() {
  const progress = useScene((s) => s.progress);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!progress) return;
    const t = window.setInterval(() => tick((x) => x + 1), 200);
    return () => window.clearInterval(t);
  }, [progress]);
  if (!progress) return null;
  const elapsed = (performance.now() - progress.startedAt) / 1000;
  return (
    <div className="progress" role="status" data-testid="progress">
      <div className="progress-label">
        {STAGES[progress.stage] ?? progress.stage}… <span className="muted">{elapsed.toFixed(1)} s</span>
      </div>
      <div className="bar">
        <div style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
      </div>
      <button onClick={() => sceneStore.getState().cancel()} data-testid="cancel">
        Cancel
      </button>
    </div>
  );
}
