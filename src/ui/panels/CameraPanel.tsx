import { useEffect, useRef, useState } from 'react';
import { hfovDeg, intrinsicsProblems } from '../../domain/geometry/camera';
import { sceneStore, useScene } from '../../store';
import { NumberField } from './NumberField';

const SOURCE: Record<string, string> = { exif: 'EXIF', model: 'camera model', manual: 'set by hand', dataset: 'intrinsics file', 'default-fov': 'default field of view' };

/** Intrinsics with their source; editable by field of view or by the four numbers. */
export function CameraPanel() {
  const scene = useScene((s) => s.scene);
  const carried = useScene((s) => s.carry.camera !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fov, setFov] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => setFov(null), [scene]);
  if (!scene) return null;
  const cam = scene.scene.camera;
  const { width, height } = scene.scene.image;
  const apply = (K: { fx: number; fy: number; cx: number; cy: number }) => {
    const p = intrinsicsProblems(K, width, height);
    setProblem(p.length ? p.join('; ') : null);
    if (!p.length) void sceneStore.getState().update({ manualCamera: K });
  };
  const current = fov ?? hfovDeg(cam, width);
  const onFov = (deg: number) => {
    setFov(deg);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const f = width / 2 / Math.tan((deg * Math.PI) / 360);
      apply({ fx: f, fy: f * (cam.fy / cam.fx), cx: cam.cx, cy: cam.cy });
    }, 150);
  };
  return (
    <section className="panel" data-testid="camera-panel">
      <div className="panel-title">Camera</div>
      <div className="source">
        Source: <strong data-testid="camera-source">{SOURCE[cam.source] ?? cam.source}</strong>
        {cam.detail && <div className="muted">{cam.detail}</div>}
      </div>
      <label className="slider">
        <span>Horizontal field of view {current.toFixed(1)}°</span>
        <input type="range" min={15} max={130} step={0.5} value={current} onChange={(e) => onFov(Number(e.target.value))} data-testid="fov-slider" />
      </label>
      <div className="grid2">
        <NumberField label="fx" value={cam.fx} step={1} digits={2} onCommit={(fx) => apply({ ...cam, fx })} testId="fx" />
        <NumberField label="fy" value={cam.fy} step={1} digits={2} onCommit={(fy) => apply({ ...cam, fy })} testId="fy" />
        <NumberField label="cx" value={cam.cx} step={1} digits={2} onCommit={(cx) => apply({ ...cam, cx })} testId="cx" />
        <NumberField label="cy" value={cam.cy} step={1} digits={2} onCommit={(cy) => apply({ ...cam, cy })} testId="cy" />
      </div>
      {problem && <div className="inline-error">{problem}</div>}
      {cam.source === 'manual' && (
        <button onClick={() => void sceneStore.getState().update({ manualCamera: null })}>Use the automatic camera</button>
      )}
      <label className="check">
        <input type="checkbox" checked={carried} onChange={(e) => sceneStore.getState().setCarry('camera', e.target.checked)} data-testid="carry-camera" />
        <span>Use these intrinsics for the next photos too (those without an intrinsics file)</span>
      </label>
    </section>
  );
}
