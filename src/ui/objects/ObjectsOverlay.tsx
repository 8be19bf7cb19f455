import { type PointerEvent, useMemo, useRef, useState } from 'react';
import { projectBoxEdges } from '../../domain/geometry/obb';
import { workingToStored } from '../../domain/lifting/display';
import { categoryColour } from '../../domain/objects/colours';
import type { BBox } from '../../domain/objects/types';
import { objectsStore, useObjects, useScene } from '../../store';

type Drag = { kind: 'move' | 'corner' | 'new'; id?: string; corner?: number; start: [number, number]; box: BBox } | null;

/**
 * Objects on the photo: their 2D boxes (dashed while a detection is unconfirmed), polygon outlines,
 * the selected object's 3D box projected into the photo, and the 2D tools: select, move and
 * resize a box, draw a box or a polygon.
 */
export function ObjectsOverlay({ width, height }: { width: number; height: number }) {
  const scene = useScene((s) => s.scene);
  const objects = useObjects((o) => o.objects);
  const selectedId = useObjects((o) => o.selectedId);
  const tool = useObjects((o) => o.tool);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag>(null);
  const [poly, setPoly] = useState<number[]>([]);
  const st = objectsStore.getState();

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

  const down = (e: PointerEvent) => {
    const p = at(e);
    if (tool === 'select') {
      // the smallest box under the pointer: big boxes (a bed, a couch) must not hide small ones
      const hit = objects
        .filter((o) => o.bbox2d && p[0] >= o.bbox2d[0] && p[0] <= o.bbox2d[0] + o.bbox2d[2] && p[1] >= o.bbox2d[1] && p[1] <= o.bbox2d[1] + o.bbox2d[3])
        .sort((a, b) => a.bbox2d![2] * a.bbox2d![3] - b.bbox2d![2] * b.bbox2d![3]);
      const target = hit[0];
      if (!target) return st.select(null);
      if (target.id === selectedId) return startEdit(e, target.id, 'move');
      st.select(target.id);
      return;
    }
    e.stopPropagation();
    if (tool === 'box') {
      svg.current!.setPointerCapture(e.pointerId);
      setDrag({ kind: 'new', start: p, box: [p[0], p[1], 0, 0] });
    } else {
      // polygon: click to add corners, click the first corner (or double-click) to close
      if (poly.length >= 6 && Math.hypot(p[0] - poly[0], p[1] - poly[1]) < width / 80) return closePolygon();
      setPoly([...poly, p[0], p[1]]);
    }
  };
  const closePolygon = () => {
    if (poly.length < 6) return;
    const xs = poly.filter((_, k) => k % 2 === 0), ys = poly.filter((_, k) => k % 2 === 1);
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    void st.addDrawn([x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0], [poly]);
    setPoly([]);
  };
  const move = (e: PointerEvent) => {
    if (!drag) return;
    const p = at(e);
    const [dx, dy] = [p[0] - drag.start[0], p[1] - drag.start[1]];
    const [x, y, w, h] = drag.box;
    let box: BBox = drag.box;
    if (drag.kind === 'new') box = [Math.min(drag.start[0], p[0]), Math.min(drag.start[1], p[1]), Math.abs(dx), Math.abs(dy)];
    else if (drag.kind === 'move') box = [x + dx, y + dy, w, h];
    else {
      // opposite corner stays put
      const c = drag.corner!;
      const fx = c === 0 || c === 3 ? x + w : x, fy = c < 2 ? y + h : y;
      const mx = (c === 0 || c === 3 ? x : x + w) + dx, my = (c < 2 ? y : y + h) + dy;
      box = [Math.min(fx, mx), Math.min(fy, my), Math.abs(mx - fx), Math.abs(my - fy)];
    }
    setDrag({ ...drag, box: clip(box, width, height) });
  };
  const up = () => {
    if (!drag) return;
    if (drag.kind === 'new') void st.addDrawn(drag.box);
    else if (drag.id && drag.box.some((v, k) => v !== objects.find((o) => o.id === drag.id)?.bbox2d?.[k])) void st.setBbox(drag.id, drag.box);
    setDrag(null);
  };
  const startEdit = (e: PointerEvent, id: string, kind: 'move' | 'corner', corner?: number) => {
    if (tool !== 'select') return;
    e.stopPropagation();
    st.select(id);
    const o = objects.find((x) => x.id === id);
    if (!o?.bbox2d) return;
    svg.current!.setPointerCapture(e.pointerId);
    setDrag({ kind, id, corner, start: at(e), box: o.bbox2d });
  };

  const stroke = Math.max(1.5, width / 400);
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
              [
                [b[0], b[1]],
                [b[0] + b[2], b[1]],
                [b[0] + b[2], b[1] + b[3]],
                [b[0], b[1] + b[3]],
              ].map(([x, y], k) => <rect key={k} className="handle" x={x - stroke * 3} y={y - stroke * 3} width={stroke * 6} height={stroke * 6} onPointerDown={(e) => startEdit(e, o.id, 'corner', k)} />)}
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
const clip = (b: BBox, w: number, h: number): BBox => {
  const x0 = Math.max(0, b[0]), y0 = Math.max(0, b[1]);
  return [x0, y0, Math.max(0, Math.min(w, b[0] + b[2]) - x0), Math.max(0, Math.min(h, b[1] + b[3]) - y0)];
};
