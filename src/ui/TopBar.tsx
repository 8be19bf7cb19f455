import { useRef } from 'react';
import { importReportsStore, projectStore, sceneStore, useQA, useReview, useScene, useView, viewStore } from '../store';
import { HeaderMenu } from './HeaderMenu';
import { panelsStore, usePanels } from './layout/panelsStore';

/**
 * Tabs, opening files, the project, the scene's exports; secondary actions in a menu. One row from
 * 1024 px up: what does not fit a small window (Sizes, the exports) is in the menu there.
 */
export function TopBar() {
  const ready = useScene((s) => !!s.scene);
  const working = useScene((s) => s.phase === 'working');
  const input = useRef<HTMLInputElement>(null);
  const mode = useView((v) => v.mode);
  const questions = useQA((q) => q.items.length);
  const queued = useReview((r) => r.rows.length);
  const hidden = usePanels((p) => p.hidden);
  const s = sceneStore.getState();
  const sides = mode !== 'dashboard';
  return (
    <header className="topbar">
      <div className="brand">
        Spatial Lens <span className="muted brand-sub">photo → metric 3D</span>
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
      <button onClick={() => projectStore.getState().setOpen(true, 'scenes')} data-testid="project-button">
        Project
      </button>
      <button className="wide-only" onClick={() => projectStore.getState().setOpen(true, 'sizes')} data-testid="sizes-button">
        Sizes
      </button>
      <span className="spacer" />
      {mode === 'scene' && (
        <>
          <button className="wide-only" onClick={() => void s.exportFile('ply')} disabled={!ready || working} data-testid="export-ply">
            Export PLY
          </button>
          <button className="wide-only" onClick={() => void s.exportFile('glb')} disabled={!ready || working} data-testid="export-glb" title="Binary glTF for Blender and three.js editors: points, the objects' 3D boxes, the camera">
            Export GLB
          </button>
          <button className="wide-only" onClick={() => void s.exportFile('scene')} disabled={!ready || working} data-testid="export-scene">
            Export scene JSON
          </button>
        </>
      )}
      {sides && (
        <div className="segmented panel-toggles" aria-label="Side panels">
          <button className={hidden.has('left') ? '' : 'on'} aria-pressed={!hidden.has('left')} onClick={() => panelsStore.getState().toggle('left')} title={hidden.has('left') ? 'Show the left panel' : 'Hide the left panel'} data-testid="toggle-left">
            ◧
          </button>
          <button className={hidden.has('right') ? '' : 'on'} aria-pressed={!hidden.has('right')} onClick={() => panelsStore.getState().toggle('right')} title={hidden.has('right') ? 'Show the right panel' : 'Hide the right panel'} data-testid="toggle-right">
            ◨
          </button>
        </div>
      )}
      <HeaderMenu
        items={[
          { label: 'Open the sample scene', run: () => void s.openSample(), disabled: working, testId: 'menu-sample' },
          { label: 'Sizes of the project’s objects…', run: () => projectStore.getState().setOpen(true, 'sizes'), testId: 'menu-sizes' },
          { label: 'Export PLY (points)', run: () => void s.exportFile('ply'), disabled: !ready || working, testId: 'menu-export-ply' },
          { label: 'Export GLB (points, boxes, camera)', run: () => void s.exportFile('glb'), disabled: !ready || working, testId: 'menu-export-glb' },
          { label: 'Export scene JSON', run: () => void s.exportFile('scene'), disabled: !ready || working, testId: 'menu-export-scene' },
          { label: 'Import reports…', run: () => importReportsStore.getState().show(), testId: 'menu-import-reports' },
        ]}
        note="Drop photos, depth maps, intrinsics, COCO annotations, .onnx models or question files anywhere on the window."
      />
    </header>
  );
}
