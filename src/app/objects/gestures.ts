// The 2D box gestures on the photo, in the stored photo's pixels: pick the smallest box under the
// pointer, move a selected box, drag a corner (the opposite corner stays put), draw a box, click a
// polygon's corners. Pure steps over a small gesture state; what they ask of the objects (select,
// add a drawn object, change a box) comes back as effects, applied by `applyGestureEffects`. The
// page's overlay and TestApp drive the same steps.
import type { BBox } from '../../domain/objects/types';
import type { SceneObject } from '../../domain/scene/scene';
import type { ObjectsState, Tool } from './objectsStore';

export type Pt = [number, number];

export interface Drag {
  kind: 'move' | 'corner' | 'new';
  id?: string;
  /** 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left. */
  corner?: number;
  start: Pt;
  /** The box when the press began: every move is measured from it and from `start`. */
  from: BBox;
  /** The box as dragged so far. */
  box: BBox;
}

/** A gesture under way: a box being dragged or drawn, the corners of a polygon being clicked. */
export interface Gesture {
  drag: Drag | null;
  poly: number[];
}

export const IDLE: Gesture = { drag: null, poly: [] };

/** What the gestures read: the tool, the objects, the selection and the photo's stored size. */
export interface GestureScene {
  tool: Tool;
  objects: SceneObject[];
  selectedId: string | null;
  width: number;
  height: number;
}

export type GestureEffect = { type: 'select'; id: string | null } | { type: 'add'; bbox: BBox; polygon?: number[][] } | { type: 'set-bbox'; id: string; bbox: BBox };

export interface GestureStep {
  gesture: Gesture;
  effects: GestureEffect[];
  /** The pointer belongs to the overlay until it is released (drags). */
  capture: boolean;
  /** The photo beneath does not see the press (drawing and editing tools). */
  stop: boolean;
}

/** Line width of the overlay, in photo pixels: thin on small photos, readable on large ones. */
export const strokeWidth = (photoWidth: number) => Math.max(1.5, photoWidth / 400);
/** Half the side of a corner handle, in photo pixels. */
export const handleRadius = (photoWidth: number) => strokeWidth(photoWidth) * 3;

/** The corners of a box in handle order. */
export const corners = (b: BBox): Pt[] => [
  [b[0], b[1]],
  [b[0] + b[2], b[1]],
  [b[0] + b[2], b[1] + b[3]],
  [b[0], b[1] + b[3]],
];

/** The smallest box under the pointer: big boxes (a bed, a couch) must not hide small ones. */
export function hitObject(objects: SceneObject[], p: Pt): SceneObject | undefined {
  return objects
    .filter((o) => o.bbox2d && p[0] >= o.bbox2d[0] && p[0] <= o.bbox2d[0] + o.bbox2d[2] && p[1] >= o.bbox2d[1] && p[1] <= o.bbox2d[1] + o.bbox2d[3])
    .sort((a, b) => a.bbox2d![2] * a.bbox2d![3] - b.bbox2d![2] * b.bbox2d![3])[0];
}

/** The selected box's corner handle under the pointer (handles show only with the select tool). */
export function handleAt(s: GestureScene, p: Pt): number | null {
  if (s.tool !== 'select') return null;
  const b = s.objects.find((o) => o.id === s.selectedId)?.bbox2d;
  if (!b) return null;
  const r = handleRadius(s.width);
  const k = corners(b).findIndex(([x, y]) => Math.abs(p[0] - x) <= r && Math.abs(p[1] - y) <= r);
  return k < 0 ? null : k;
}

const none = (gesture: Gesture): GestureStep => ({ gesture, effects: [], capture: false, stop: false });

/** Starts moving a box, or dragging one of its corners: the box is selected first. */
export function startEdit(g: Gesture, s: GestureScene, p: Pt, id: string, kind: 'move' | 'corner', corner?: number): GestureStep {
  if (s.tool !== 'select') return none(g);
  const o = s.objects.find((x) => x.id === id);
  const effects: GestureEffect[] = [{ type: 'select', id }];
  if (!o?.bbox2d) return { gesture: g, effects, capture: false, stop: true };
  return { gesture: { ...g, drag: { kind, id, corner, start: p, from: o.bbox2d, box: o.bbox2d } }, effects, capture: true, stop: true };
}

/** A press on the overlay (not on a handle: `startEdit` handles those). */
export function pointerDown(g: Gesture, s: GestureScene, p: Pt): GestureStep {
  if (s.tool === 'select') {
    const target = hitObject(s.objects, p);
    if (!target) return { ...none(g), effects: [{ type: 'select', id: null }] };
    if (target.id === s.selectedId) return startEdit(g, s, p, target.id, 'move');
    return { ...none(g), effects: [{ type: 'select', id: target.id }] };
  }
  if (s.tool === 'box') return { gesture: { ...g, drag: { kind: 'new', start: p, from: [p[0], p[1], 0, 0], box: [p[0], p[1], 0, 0] } }, effects: [], capture: true, stop: true };
  // polygon: click to add corners, click the first corner (or double-click) to close
  if (g.poly.length >= 6 && Math.hypot(p[0] - g.poly[0], p[1] - g.poly[1]) < s.width / 80) return { ...closePolygon(g), capture: false, stop: true };
  return { gesture: { ...g, poly: [...g.poly, p[0], p[1]] }, effects: [], capture: false, stop: true };
}

/** A press where the page would find a handle first: the selected box's corner, else the overlay. */
export function pointerDownAnywhere(g: Gesture, s: GestureScene, p: Pt): GestureStep {
  const k = handleAt(s, p);
  return k !== null ? startEdit(g, s, p, s.selectedId!, 'corner', k) : pointerDown(g, s, p);
}

export function pointerMove(g: Gesture, s: GestureScene, p: Pt): Gesture {
  const drag = g.drag;
  if (!drag) return g;
  const [dx, dy] = [p[0] - drag.start[0], p[1] - drag.start[1]];
  // from the box as it was pressed: a drag reported in many small moves ends where one long move would
  const [x, y, w, h] = drag.from;
  let box: BBox = drag.from;
  if (drag.kind === 'new') box = [Math.min(drag.start[0], p[0]), Math.min(drag.start[1], p[1]), Math.abs(dx), Math.abs(dy)];
  else if (drag.kind === 'move') box = [x + dx, y + dy, w, h];
  else {
    // opposite corner stays put
    const c = drag.corner!;
    const fx = c === 0 || c === 3 ? x + w : x, fy = c < 2 ? y + h : y;
    const mx = (c === 0 || c === 3 ? x : x + w) + dx, my = (c < 2 ? y : y + h) + dy;
    box = [Math.min(fx, mx), Math.min(fy, my), Math.abs(mx - fx), Math.abs(my - fy)];
  }
  return { ...g, drag: { ...drag, box: clip(box, s.width, s.height) } };
}

export function pointerUp(g: Gesture, s: GestureScene): { gesture: Gesture; effects: GestureEffect[] } {
  const drag = g.drag;
  if (!drag) return { gesture: g, effects: [] };
  const effects: GestureEffect[] = [];
  if (drag.kind === 'new') effects.push({ type: 'add', bbox: drag.box });
  else if (drag.id && drag.box.some((v, k) => v !== s.objects.find((o) => o.id === drag.id)?.bbox2d?.[k])) effects.push({ type: 'set-bbox', id: drag.id, bbox: drag.box });
  return { gesture: { ...g, drag: null }, effects };
}

/** Closes the polygon being drawn (three corners at least) into a drawn object with its bounding box. */
export function closePolygon(g: Gesture): { gesture: Gesture; effects: GestureEffect[] } {
  const poly = g.poly;
  if (poly.length < 6) return { gesture: g, effects: [] };
  const xs = poly.filter((_, k) => k % 2 === 0), ys = poly.filter((_, k) => k % 2 === 1);
  const x0 = Math.min(...xs), y0 = Math.min(...ys);
  return { gesture: { ...g, poly: [] }, effects: [{ type: 'add', bbox: [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0], polygon: [poly] }] };
}

/** Applies a gesture's effects to the objects; resolves once the objects are lifted. */
export async function applyGestureEffects(effects: GestureEffect[], objects: Pick<ObjectsState, 'select' | 'addDrawn' | 'setBbox'>): Promise<void> {
  for (const e of effects) {
    if (e.type === 'select') objects.select(e.id);
    else if (e.type === 'add') await objects.addDrawn(e.bbox, e.polygon);
    else await objects.setBbox(e.id, e.bbox);
  }
}

export const clip = (b: BBox, w: number, h: number): BBox => {
  const x0 = Math.max(0, b[0]), y0 = Math.max(0, b[1]);
  return [x0, y0, Math.max(0, Math.min(w, b[0] + b[2]) - x0), Math.max(0, Math.min(h, b[1] + b[3]) - y0)];
};
