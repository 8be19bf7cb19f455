// A found mark placed in 3D from its image's depth: a point mark at the depth under its disc, a box
// mark as the robust centre of the depth inside its inner part (the middle half of the box each
// way, clear of the drawn line and of most of the background at its corners). Coordinates are of
// the first camera (other images through their poses); the spread says how sure the place is.
import type { FoundMark } from '../../image/findMarks';
import type { Vec3 } from '../../geometry/linalg';
import type { MarkColour } from '../types';
import type { Intrinsics } from '../../geometry/camera';
import { type DepthImage, type ItemImage, depthAt, fitIntrinsics, toFirstCamera } from './measureItem';

export type FoundOnImage = FoundMark & { image: number };

export interface MarkCloud {
  colour: MarkColour;
  kind: 'point' | 'box';
  image: number;
  /** First-camera points: one for a point mark, the inner part's valid pixels for a box. */
  points: Vec3[];
  /** A point mark's depth spread (1.4826 · MAD, metres). */
  sigma?: number;
}

/** Pixels sampled inside a box at most: enough for a stable median. */
const BOX_SAMPLES = 4000;
/** Fewer valid pixels than this in a box's inner part: no centre. */
const MIN_BOX_POINTS = 12;

/**
 * The camera point (its own image's camera, metres) under a point mark at pixel `uv`: the robust
 * depth of a window about half the disc wide, in depth pixels (on the marked surface, not beside
 * it), with its spread; null where the window holds no usable depth. The colour intrinsics are
 * rescaled to the photo's size and the depth's to the depth map's (the depth's own, else the
 * colour's), so a photo and a depth map of different sizes line up.
 */
export function pointUnderMark(photo: { width: number; height: number }, depth: DepthImage, K: Intrinsics, Kdepth: Intrinsics | undefined, uv: readonly [number, number], radius = 20): { cam: Vec3; sigma: number } | null {
  const Kc = fitIntrinsics(K, photo.width, photo.height);
  const Kd = fitIntrinsics(Kdepth ?? K, depth.width, depth.height);
  const xn = (uv[0] - Kc.cx) / Kc.fx,
    yn = (uv[1] - Kc.cy) / Kc.fy;
  const r = Math.max(2, Math.round((0.5 * radius * Kd.fx) / Kc.fx));
  const s = depthAt(depth, xn * Kd.fx + Kd.cx, yn * Kd.fy + Kd.cy, r);
  return s ? { cam: [xn * s.z, yn * s.z, s.z], sigma: s.sigma } : null;
}

/** Where the mark lies in 3D, or why not (a sentence naming the mark and image). */
export function markCloud(f: FoundOnImage, images: readonly ItemImage[]): MarkCloud | string {
  const im = images[f.image];
  const what = `the ${f.color} ${f.kind}`;
  if (!im?.depth || !im.K) return `image ${f.image + 1} has no ${im?.depth ? 'intrinsics' : 'depth'}, so ${what} is not measured`;
  const K = fitIntrinsics(im.K, im.rgba.width, im.rgba.height);
  const depth = im.depth;
  const Kd = im.Kdepth ? fitIntrinsics(im.Kdepth, depth.width, depth.height) : fitIntrinsics(im.K, depth.width, depth.height);
  const toFirst = (p: Vec3): Vec3 | null => (f.image === 0 ? p : toFirstCamera(p, im.pose, images[0]?.pose));
  if (f.image !== 0 && !(im.pose && images[0]?.pose)) return `${what} is on image ${f.image + 1}, and the images have no poses to relate it to image 1`;
  if (f.kind === 'point' && f.uv) {
    const s = pointUnderMark(im.rgba, depth, im.K, im.Kdepth, f.uv, f.radius ?? 20);
    if (!s) return `no usable depth at ${what} (image ${f.image + 1}, pixel ${Math.round(f.uv[0])}, ${Math.round(f.uv[1])})`;
    return { colour: f.color, kind: 'point', image: f.image, points: [toFirst(s.cam)!], sigma: Math.max(0.01, s.sigma) };
  }
  if (!f.box) return `${what} has no position`;
  // box corners (continuous pixel coordinates) → the inner half, in depth pixel centres
  const [x1, y1, x2, y2] = f.box;
  const w = x2 - x1,
    h = y2 - y1;
  const toDepth = (x: number, y: number): [number, number] => [((x - 0.5 - K.cx) / K.fx) * Kd.fx + Kd.cx, ((y - 0.5 - K.cy) / K.fy) * Kd.fy + Kd.cy];
  const [ua, va] = toDepth(x1 + w / 4, y1 + h / 4);
  const [ub, vb] = toDepth(x2 - w / 4, y2 - h / 4);
  const u0 = Math.max(0, Math.ceil(ua)),
    v0 = Math.max(0, Math.ceil(va)),
    u1 = Math.min(depth.width - 1, Math.floor(ub)),
    v1 = Math.min(depth.height - 1, Math.floor(vb));
  const area = Math.max(0, u1 - u0 + 1) * Math.max(0, v1 - v0 + 1);
  const step = Math.max(1, Math.floor(Math.sqrt(area / BOX_SAMPLES)));
  const points: Vec3[] = [];
  for (let v = v0; v <= v1; v += step)
    for (let u = u0; u <= u1; u += step) {
      const z = depth.data[v * depth.width + u];
      if (!(z > 0)) continue;
      const p = toFirst([((u - Kd.cx) / Kd.fx) * z, ((v - Kd.cy) / Kd.fy) * z, z]);
      if (p) points.push(p);
    }
  if (points.length < MIN_BOX_POINTS) return `too little depth inside ${what} (image ${f.image + 1}: ${points.length} pixels with a value)`;
  return { colour: f.color, kind: 'box', image: f.image, points };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

/** Per-axis median and robust spread (1.4826 · MAD) of points already in the frame wanted. */
export function robustCentre(points: readonly Vec3[]): { centre: Vec3; spread: Vec3 } {
  const centre = [0, 1, 2].map((k) => median(points.map((p) => p[k]))) as Vec3;
  const spread = [0, 1, 2].map((k) => 1.4826 * median(points.map((p) => Math.abs(p[k] - centre[k])))) as Vec3;
  return { centre, spread };
}
