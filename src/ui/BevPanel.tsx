import { useEffect, useRef } from 'react';
import { bevPixel } from '../domain/geometry/bev';
import { boxFootprint } from '../domain/geometry/obb';
import { categoryColour } from '../domain/objects/colours';
import { useObjects, useScene, useView } from '../store';

/** Bird's-eye view (ROSS3D, docs/references.md): the scene from above, the camera and any measurement on it. */
export function BevPanel() {
  const scene = useScene((s) => s.scene);
  const hover = useView((v) => v.hover);
  const picks = useView((v) => v.measurePoints);
  const objects = useObjects((o) => o.objects);
  const selectedId = useObjects((o) => o.selectedId);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!scene || !canvas.current) return;
    const { width, height, rgba } = scene.bev;
    canvas.current.width = width;
    canvas.current.height = height;
    canvas.current.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  }, [scene]);
  if (!scene) return null;
  const { bev, T, R } = scene;
  const px = (x: number, y: number) => bevPixel(bev, x, y);
  const [cx, cy] = px(T[0], T[1]);
  const n = Math.hypot(R[2], R[5]) || 1;
  const arrow = 24 / 512 * Math.max(bev.width, bev.height);
  const ax = cx + (R[2] / n) * arrow, ay = cy - (R[5] / n) * arrow;
  const hv = hover?.world ? px(hover.world[0], hover.world[1]) : null;
  const mk = picks.map((p) => px(p[0], p[1]));
  const r = Math.max(2, Math.max(bev.width, bev.height) / 120);
  return (
    <div className="bev">
      <div className="panel-title">Bird’s-eye view <span className="muted">{(bev.cell * 100).toFixed(1)} cm/px</span></div>
      <div className="bev-frame" style={{ aspectRatio: `${bev.width} / ${bev.height}` }}>
        <canvas ref={canvas} data-testid="bev" />
        <svg viewBox={`0 0 ${bev.width} ${bev.height}`} preserveAspectRatio="none">
          {objects.map(
            (o) =>
              o.box3d && (
                <polygon
                  key={o.id}
                  points={boxFootprint(o.box3d).map(([x, y]) => px(x, y).join(',')).join(' ')}
                  fill="none"
                  stroke={o.id === selectedId ? '#ffffff' : categoryColour(o.category)}
                  strokeWidth={o.id === selectedId ? 2.5 : 1.5}
                  vectorEffect="non-scaling-stroke"
                />
              ),
          )}
          <line x1={cx} y1={cy} x2={ax} y2={ay} className="bev-camera" />
          <circle cx={cx} cy={cy} r={r * 1.5} className="bev-camera-dot" />
          {hv && <circle cx={hv[0]} cy={hv[1]} r={r} className="bev-hover" />}
          {mk.map((p, i) => <circle key={i} cx={p[0]} cy={p[1]} r={r} className="pick" />)}
          {mk.length === 2 && <line x1={mk[0][0]} y1={mk[0][1]} x2={mk[1][0]} y2={mk[1][1]} className="pick-line" />}
        </svg>
      </div>
    </div>
  );
}
