import { type MouseEvent, useMemo } from 'react';
import { measure } from '../domain/geometry/measure';
import { storedToWorking, workingToStored, worldToPixel } from '../domain/lifting/display';
import { pixelToWorld } from '../domain/lifting/pipeline';
import { useQA, useScene, useView, viewStore } from '../store';
import { QAMarks } from './qa/QAMarks';
import { ObjectsOverlay } from './objects/ObjectsOverlay';
import { PendingPhoto } from './PendingPhoto';

/**
 * The photo, linked to the 3D view: hovering a pixel shows its metric point (and marks it in 3D);
 * with the measure tool on, clicks pick points.
 */
export function ImagePanel() {
  const scene = useScene((s) => s.scene);
  const imageUrl = useScene((s) => s.imageUrl);
  const hover = useView((v) => v.hover);
  const measuring = useView((v) => v.measuring);
  const picks = useView((v) => v.measurePoints);
  const pickPixels = useView((v) => v.measurePixels);
  const mode = useView((v) => v.mode);
  const qaMarks = useQA((q) => q.items.find((i) => i.id === q.selectedId)?.spatial_lens.marks);
  const waiting = useScene((s) => (s.phase === 'needs-model' ? (s.pending?.image ?? null) : null));
  const stored = scene ? { width: scene.scene.image.width, height: scene.scene.image.height } : null;

  const locate = (e: MouseEvent<HTMLDivElement>) => {
    if (!scene || !stored) return null;
    const r = e.currentTarget.getBoundingClientRect();
    const u = ((e.clientX - r.left) / r.width) * stored.width - 0.5;
    const v = ((e.clientY - r.top) / r.height) * stored.height - 0.5;
    const [uw, vw] = storedToWorking(u, v, stored, scene);
    if (uw < -0.5 || vw < -0.5 || uw > scene.width - 0.5 || vw > scene.height - 0.5) return null;
    const world = pixelToWorld({ depth: scene.depth, keep: scene.keep, width: scene.width, frame: scene }, scene.camera, uw, vw);
    return { u, v, world };
  };

  const marks = useMemo(() => {
    if (!scene || !stored) return [];
    return picks.map((p) => {
      const px = worldToPixel(p, scene.R, scene.T, scene.camera);
      return px ? workingToStored(px[0], px[1], stored, scene) : null;
    });
  }, [picks, scene, stored]);

  if (waiting) return <PendingPhoto file={waiting} previous={scene?.scene.image.file ?? null} />;
  if (!scene || !imageUrl || !stored) return <div className="image-panel empty">No photo</div>;
  const m = picks.length === 2 ? measure(picks[0], picks[1]) : null;
  return (
    <div className="image-block">
      <div
        className={`image-panel${measuring ? ' measuring' : ''}`}
        style={{ aspectRatio: `${stored.width} / ${stored.height}` }}
        onMouseMove={(e) => viewStore.getState().setHover(locate(e))}
        onMouseLeave={() => viewStore.getState().setHover(null)}
        onClick={(e) => {
          const h = locate(e);
          if (measuring && h?.world) viewStore.getState().pick(h.world, [Math.round(h.u), Math.round(h.v)]);
        }}
        data-testid="image-panel"
      >
        <img src={imageUrl} alt={scene.scene.image.file} draggable={false} />
        <svg viewBox={`0 0 ${stored.width} ${stored.height}`} preserveAspectRatio="none">
          {hover && (
            <g className="crosshair">
              <line x1={hover.u + 0.5} y1={0} x2={hover.u + 0.5} y2={stored.height} />
              <line x1={0} y1={hover.v + 0.5} x2={stored.width} y2={hover.v + 0.5} />
            </g>
          )}
          {marks.map((p, i) => p && <circle key={i} cx={p[0] + 0.5} cy={p[1] + 0.5} r={Math.max(3, stored.width / 160)} className="pick" />)}
          {marks.length === 2 && marks[0] && marks[1] && <line className="pick-line" x1={marks[0][0] + 0.5} y1={marks[0][1] + 0.5} x2={marks[1][0] + 0.5} y2={marks[1][1] + 0.5} />}
        </svg>
        {mode === 'qa' ? qaMarks && <QAMarks marks={qaMarks} width={stored.width} height={stored.height} /> : !measuring && <ObjectsOverlay width={stored.width} height={stored.height} />}
      </div>
      <div className="readout" data-testid="hover-readout">
        {hover
          ? hover.world
            ? `pixel (${Math.round(hover.u)}, ${Math.round(hover.v)}) → x ${hover.world[0].toFixed(3)}  y ${hover.world[1].toFixed(3)}  z ${hover.world[2].toFixed(3)} m`
            : `pixel (${Math.round(hover.u)}, ${Math.round(hover.v)}): no point (invalid or filtered)`
          : measuring
            ? picks.length === 1
              ? 'Measure: click the second point (photo or 3D view)'
              : picks.length === 2
                ? 'Measure: click again to start a new measurement'
                : 'Measure: click a first point (photo or 3D view)'
            : 'Hover the photo to see metric coordinates'}
      </div>
      {m && (
        <div className="measurement" data-testid="measurement">
          <strong>{m.distance.toFixed(3)} m</strong> <span>horizontal {m.horizontal.toFixed(3)} m · vertical {m.vertical.toFixed(3)} m</span>
          <div className="muted small">{pickPixels.map((p) => (p ? `pixel (${p[0]}, ${p[1]})` : 'a point picked in 3D')).join(' to ')}</div>
        </div>
      )}
    </div>
  );
}
