import { useState } from 'react';
import { projectStore, sceneStore, useReview, useScene, viewStore } from '../../store';
import { BevPanel } from '../BevPanel';
import { Viewer3D } from '../viewer/Viewer3D';

/**
 * The item's scene in 3D with its evidence drawn, and the bird's-eye view. The 3D view holds one
 * scene at a time: an item of another scene offers to open it; an imported item without a scene
 * offers to lift its image (on demand: lifting takes a second or more).
 */
export function Evidence3D() {
  const cur = useReview((r) => r.current);
  const open = useScene((s) => s.scene);
  const files = useScene((s) => s.files);
  const phase = useScene((s) => s.phase);
  const working = phase === 'working';
  const [liftedFrom, setLiftedFrom] = useState<string | null>(null);
  if (!cur) return null;
  const item = cur.stored.item;
  const matches = !!open && (open.scene.id === item.spatial_lens.scene || (liftedFrom !== null && files?.image.name === liftedFrom));
  if (matches)
    return (
      <div className="evidence-3d" data-testid="evidence-3d">
        <div className="viewer review-viewer">
          <Viewer3D />
        </div>
        <BevPanel />
      </div>
    );
  const first = cur.images.find((i) => i.url);
  return (
    <div className="evidence-3d empty" data-testid="evidence-3d">
      {cur.scenePhoto ? (
        <button disabled={working} onClick={() => void projectStore.getState().openScene(cur.scenePhoto!)} data-testid="open-item-scene">
          Show this item’s scene in 3D
        </button>
      ) : first ? (
        <button
          disabled={working}
          onClick={async () => {
            const blob = await (await fetch(first.url!)).blob();
            const name = first.path.split('/').pop() ?? first.path;
            setLiftedFrom(name);
            await sceneStore.getState().openFiles([new File([blob], name, { type: blob.type })]);
            viewStore.getState().setMode('review');
          }}
          data-testid="lift-item-image"
        >
          Lift this image to 3D
        </button>
      ) : (
        <span className="muted small">No scene and no image: nothing to show in 3D.</span>
      )}
      {working && <span className="muted small"> lifting…</span>}
      {liftedFrom && phase === 'needs-model' && (
        <div className="message error" data-testid="lift-needs-model">
          <span>This photo has no depth map, and lifting it needs a depth model, which this browser does not have yet. Add one (an .onnx file) in the Scene tab; the photo waits there.</span>
          <button onClick={() => viewStore.getState().setMode('scene')}>Go to the Scene tab</button>
        </div>
      )}
    </div>
  );
}

