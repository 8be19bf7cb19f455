import { useRef } from 'react';
import { projectStore, sceneStore, useQA, useReview, useScene, useView, viewStore } from '../store';

/** Open files or the sample, export the scene. */
export function TopBar() {
  const ready = useScene((s) => !!s.scene);
  const working = useScene((s) => s.phase === 'working');
  const input = useRef<HTMLInputElement>(null);
  const mode = useView((v) => v.mode);
  const questions = useQA((q) => q.items.length);
  const queued = useReview((r) => r.rows.length);
  const s = sceneStore.getState();
  return (
    <header className="topbar">
      <div className="brand">
        Spatial Lens <span className="muted">photo → metric 3D</span>
      </div>
      <div className="segmented" role="tablist" aria-label="Workspace">
        <button className={mode === 'scene' ? 'on' : ''} role="tab" aria-selected={mode === 'scene'} onClick={() => viewStore.getState().setMode('scene')} data-testid="mode-scene">
          Scene
        </button>
        <button className={mode === 'qa' ? 'on' : ''} role="tab" aria-selected={mode === 'qa'} onClick={() => viewStore.getState().setMode('qa')} data-testid="mode-qa">
          Questions{questions ? ` (${questions})` : ''}
        </button>
        <button className={mode === 'review' ? 'on' : ''} role="tab" aria-selected={mode === 'review'} onClick={() => viewStore.getState().setMode('review')} data-testid="mode-review">
          Review{queued ? ` (${queued.toLocaleString()})` : ''}
        </button>
        <button className={mode === 'dashboard' ? 'on' : ''} role="tab" aria-selected={mode === 'dashboard'} onClick={() => viewStore.getState().setMode('dashboard')} data-testid="mode-dashboard">
          Dashboard
        </button>
      </div>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept="image/jpeg,image/png,image/webp,.heic,.heif,.json,.onnx"
        onChange={(e) => e.target.files?.length && void s.openFiles([...e.target.files]).finally(() => (e.target.value = ''))}
        data-testid="file-input"
      />
      <button onClick={() => input.current?.click()} disabled={working}>
        Open files…
      </button>
      <button onClick={() => void s.openSample()} disabled={working}>
        Sample scene
      </button>
      <button onClick={() => projectStore.getState().setOpen(true, 'scenes')} data-testid="project-button">
        Project
      </button>
      <button onClick={() => projectStore.getState().setOpen(true, 'sizes')} data-testid="sizes-button">
        Sizes
      </button>
      <span className="spacer" />
      <span className="muted small hint">Drop photos, depth maps, intrinsics, COCO annotations or .onnx models anywhere</span>
      <button onClick={() => void s.exportFile('ply')} disabled={!ready || working} data-testid="export-ply">
        Export PLY
      </button>
      <button onClick={() => void s.exportFile('glb')} disabled={!ready || working} data-testid="export-glb" title="Binary glTF for Blender and three.js editors: points, the objects' 3D boxes, the camera">
        Export GLB
      </button>
      <button onClick={() => void s.exportFile('scene')} disabled={!ready || working} data-testid="export-scene">
        Export scene JSON
      </button>
    </header>
  );
}
