import { type PointerEvent, useMemo, useRef, useState } from 'react';
import { projectBoxEdges } from '../../domain/geometry/obb';
import { workingToStored } from '../../domain/lifting/display';
import { categoryColour } from '../../domain/objects/colours';
import { type Gesture, type GestureStep, IDLE, applyGestureEffects, closePolygon as close, corners, objectsStore, pointerDown, pointerMove, pointerUp, startEdit as edit, strokeWidth, useObjects, useScene } from '../../store';

/**
 * Objects on the photo: their 2D boxes (dashed while a detection is unconfirmed), polygon outlines,
 * the selected object's 3D box projected into the photo, and the 2D tools: select, move and
 * resize a box, draw a box or a polygon (the gestures themselves are app/objects/gestures.ts).
 */
export function ObjectsOverlay({ width, height }: { width: number; height: number }) {
  const scene = useScene((s) => s.scene);
  const objects = useObjects((o) => o.objects);
  const selectedId = useObjects((o) => o.selectedId);
  const tool = useObjects((o) => o.tool);
  const svg = useRef<SVGSVGElement>(null);
  const [gesture, setGesture] = useState<Gesture>(IDLE);
  const { drag, poly } = gesture;
  const on = { tool, objects, selectedId, width, height };

  const at = (e: PointerEvent): [number, number] => {
    const r = svg.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * width, ((e.clientY - r.top) / r.height) * height];
  };

  const selected = objects.find((o) => o.id === selectedId);
  const projected = useMemo(() => {
    if (!scene || !selected?.box3d) return [];
    const stored = { width, height };
    return projectBoxEdges(selected.box3d, scene.camera, scene.R, scene.T)
      .filter((e): e is [number, number][] => !!e && e.every(Boolean))
      .map((e) => e.map(([u, v]) => workingToStored(u, v, stored, scene)));
  }, [scene, selected, width, height]);

  const apply = (e: PointerEvent, step: GestureStep) => {
    if (step.stop) e.stopPropagation();
    if (step.capture) svg.current!.setPointerCapture(e.pointerId);
    setGesture(step.gesture);
    void applyGestureEffects(step.effects, objectsStore.getState());
  };
  const down = (e: PointerEvent) => apply(e, pointerDown(gesture, on, at(e)));
  const startEdit = (e: PointerEvent, id: string, kind: 'move' | 'corner', corner?: number) => apply(e, edit(gesture, on, at(e), id, kind, corner));
  const move = (e: PointerEvent) => drag && setGesture(pointerMove(gesture, on, at(e)));
  const finish = (r: { gesture: Gesture; effects: Parameters<typeof applyGestureEffects>[0] }) => {
    setGesture(r.gesture);
    void applyGestureEffects(r.effects, objectsStore.getState());
  };
  const up = () => drag && finish(pointerUp(gesture, on));
  const closePolygon = () => finish(close(gesture));

  const stroke = strokeWidth(width);
  return (
    <svg
      ref={svg}
      className={`objects-overlay tool-${tool}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onDoubleClick={(e) => (e.stopPropagation(), closePolygon())}
      onClick={(e) => tool !== 'select' && e.stopPropagation()}
      data-testid="objects-overlay"
    >
      {objects.map((o) => {
        const b = drag?.id === o.id ? drag.box : o.bbox2d;
        if (!b) return null;
        const sel = o.id === selectedId;
        const colour = categoryColour(o.category);
        const unconfirmed = o.source === 'detected' && !o.accepted;
        return (
          <g key={o.id} className={sel ? 'object selected' : 'object'} data-testid={`object2d-${o.id}`}>
            {o.mask?.polygon?.map((p, k) => (
              <polygon key={k} points={pairs(p)} fill={colour} fillOpacity={sel ? 0.25 : 0.08} stroke={colour} strokeWidth={stroke * 0.6} />
            ))}
            <rect
              x={b[0]}
              y={b[1]}
              width={b[2]}
              height={b[3]}
              fill="transparent"
              stroke={colour}
              strokeWidth={sel ? stroke * 2 : stroke}
              strokeDasharray={unconfirmed ? `${stroke * 4} ${stroke * 3}` : undefined}
              className="box"
            />
            <text x={b[0] + stroke} y={Math.max(b[1] - stroke * 2, stroke * 13)} fill={colour} fontSize={stroke * 13}>
              {o.category}
              {unconfirmed ? ` ${(Number(o.score ?? 0) * 100).toFixed(0)}%?` : ''}
              {o.quality && o.quality.plausible === false ? ' ⚠' : ''}
            </text>
            {sel &&
              tool === 'select' &&
              corners(b).map(([x, y], k) => <rect key={k} className="handle" x={x - stroke * 3} y={y - stroke * 3} width={stroke * 6} height={stroke * 6} onPointerDown={(e) => startEdit(e, o.id, 'corner', k)} />)}
          </g>
        );
      })}
      {projected.map((e, k) => (
        <line key={k} className="box3d-edge" x1={e[0][0] + 0.5} y1={e[0][1] + 0.5} x2={e[1][0] + 0.5} y2={e[1][1] + 0.5} strokeWidth={stroke} />
      ))}
      {drag?.kind === 'new' && <rect className="drawing" x={drag.box[0]} y={drag.box[1]} width={drag.box[2]} height={drag.box[3]} strokeWidth={stroke} />}
      {poly.length > 0 && <polyline className="drawing" points={pairs(poly)} strokeWidth={stroke} />}
    </svg>
  );
}

const pairs = (p: number[]) => p.reduce((s, v, k) => s + (k % 2 ? `,${v} ` : `${v}`), '');
