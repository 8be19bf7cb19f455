// Analytic object scenes: gravity-aligned boxes with yaw standing on a floor, seen by a known
// camera. Ray casting gives depth and, per pixel, which box it sees, so every object's true
// visible mask, 2D box and 3D box are known exactly.
import { type Intrinsics, intrinsicsFromHfov } from '../domain/geometry/camera';
import { liftImage } from '../domain/lifting/pipeline';
import type { LiftedView } from '../domain/scene/liftedView';
import { encodeRle } from '../domain/objects/rle';
import type { Annotation2D, BBox } from '../domain/objects/types';
import { type Attitude, rotationFromAttitude } from '../domain/geometry/gravity';
import { mulberry32 } from '../domain/geometry/random';
import type { Box3D } from '../domain/scene/scene';

export interface TrueObject {
  category: string;
  box: Box3D;
}

export interface ObjectScene {
  depth: Float32Array;
  /** Index of the box each pixel sees, −1 for floor or nothing. */
  ids: Int32Array;
}

/** Ray parameter where o + t·d enters the box, or Infinity. */
function hitBox(o: number[], d: number[], b: Box3D): number {
  const c = Math.cos(-b.yaw), s = Math.sin(-b.yaw);
  const px = o[0] - b.center[0], py = o[1] - b.center[1], pz = o[2] - b.center[2];
  const lo = [c * px - s * py, s * px + c * py, pz];
  const ld = [c * d[0] - s * d[1], s * d[0] + c * d[1], d[2]];
  let t0 = -Infinity, t1 = Infinity;
  for (let a = 0; a < 3; a++) {
    const half = b.size[a] / 2;
    if (Math.abs(ld[a]) < 1e-12) {
      if (Math.abs(lo[a]) > half) return Infinity;
      continue;
    }
    let ta = (-half - lo[a]) / ld[a], tb = (half - lo[a]) / ld[a];
    if (ta > tb) [ta, tb] = [tb, ta];
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
  }
  return t0 <= t1 && t0 > 0 ? t0 : Infinity;
}

export function renderObjectScene(width: number, height: number, K: Intrinsics, attitude: Attitude, cameraHeight: number, objects: TrueObject[], noise = 0, seed = 5): ObjectScene {
  const R = rotationFromAttitude(attitude);
  const rand = mulberry32(seed);
  const depth = new Float32Array(width * height);
  const ids = new Int32Array(width * height).fill(-1);
  const o = [0, 0, cameraHeight];
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) {
      const dc = [(u - K.cx) / K.fx, (v - K.cy) / K.fy, 1];
      const d = [0, 1, 2].map((r) => R[r * 3] * dc[0] + R[r * 3 + 1] * dc[1] + R[r * 3 + 2] * dc[2]);
      let t = d[2] < -1e-9 ? -o[2] / d[2] : Infinity;
      let id = -1;
      objects.forEach((ob, k) => {
        const tk = hitBox(o, d, ob.box);
        if (tk < t) {
          t = tk;
          id = k;
        }
      });
      const g = noise ? noise * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()) : 0;
      depth[v * width + u] = t < 40 ? t + g : 0;
      ids[v * width + u] = t < 40 ? id : -1;
    }
  return { depth, ids };
}

/** A box standing on the floor. */
export const standing = (x: number, y: number, l: number, w: number, h: number, yawDeg: number): Box3D => ({
  center: [x, y, h / 2],
  size: [l, w, h],
  yaw: (yawDeg * Math.PI) / 180,
});

/** The scene the objects issue asks for: boxes on a floor, some occluding others, all in view. */
export const TABLETOP: TrueObject[] = [
  { category: 'chair', box: standing(-0.7, 2.4, 0.5, 0.45, 0.9, 20) },
  { category: 'dining table', box: standing(0.45, 3.3, 1.2, 0.8, 0.75, -12) },
  { category: 'suitcase', box: standing(0.1, 2.1, 0.55, 0.35, 0.4, 45) }, // in front of the table
  { category: 'couch', box: standing(-0.4, 4.6, 2.0, 0.9, 0.8, 4) }, // partly behind the table
  { category: 'bench', box: standing(1.35, 3.0, 1.3, 0.42, 0.45, -30) }, // partly behind the table
  { category: 'potted plant', box: standing(-1.4, 3.4, 0.35, 0.35, 0.6, 0) },
];

/**
 * COCO-style annotations of what each object shows: the 2D box of its visible pixels and, with
 * `masks`, their exact mask as RLE. Objects that show no pixel get none.
 */
export function annotationsFromIds(ids: Int32Array, width: number, height: number, objects: TrueObject[], masks: boolean): Annotation2D[] {
  const boxes = objects.map(() => [Infinity, Infinity, -1, -1]);
  const maskOf = objects.map(() => (masks ? new Uint8Array(width * height) : null));
  for (let i = 0; i < width * height; i++) {
    const k = ids[i];
    if (k < 0) continue;
    const u = i % width, v = (i - u) / width, b = boxes[k];
    b[0] = Math.min(b[0], u);
    b[1] = Math.min(b[1], v);
    b[2] = Math.max(b[2], u);
    b[3] = Math.max(b[3], v);
    if (maskOf[k]) maskOf[k]![i] = 1;
  }
  const out: Annotation2D[] = [];
  objects.forEach((o, k) => {
    const [x0, y0, x1, y1] = boxes[k];
    if (x1 < 0) return;
    const bbox: BBox = [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
    out.push({ id: `o${k}`, category: o.category, bbox, ...(maskOf[k] ? { segmentation: { rle: encodeRle({ width, height, data: maskOf[k]! }) } } : {}), source: 'annotated' });
  });
  return out;
}

/** Renders, lifts with its exact depth, and annotates an object scene. */
export function liftObjectScene(width: number, height: number, objects: TrueObject[], masks = true, pitchDeg = 32, cameraHeight = 1.5, noise = 0.002) {
  const K = intrinsicsFromHfov(width, height, 65);
  const { depth, ids } = renderObjectScene(width, height, K, { roll: (1 * Math.PI) / 180, pitch: (pitchDeg * Math.PI) / 180 }, cameraHeight, objects, noise);
  const lift = liftImage({ id: 's', image: { file: 's.png', width, height }, rgba: new Uint8Array(width * height * 4), camera: { ...K, source: 'manual' }, depth: { kind: 'metric', depth, source: 'synthetic' } });
  const ctx: LiftedView = { depth: lift.depth, keep: lift.keep, width, height, camera: K, R: lift.frame.R, T: lift.frame.T, stored: { width, height }, hasSupportPlane: lift.gravitySource !== 'none' };
  return { ctx, annotations: annotationsFromIds(ids, width, height, objects, masks) };
}
