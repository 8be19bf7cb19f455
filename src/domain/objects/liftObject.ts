// 2D annotation → gravity-aligned 3D box (docs/lifting.md; the Lifting paper's recipe): the object's pixels
// (its mask, or its box when it has none) → their 3D points → the cluster that is the object
// (DBSCAN, eps growing with depth) → robust extents → centre, size, yaw from the minimum-area
// rectangle of the footprint seen from above, height from the z extent.
import { dbscan, depthScaledEps } from '../geometry/dbscan';
import type { Mat3, Vec3 } from '../geometry/linalg';
import { minAreaRect } from '../geometry/minAreaRect';
import { quantileInPlace } from '../geometry/stats';
import type { Box3D, SceneObject } from '../scene/scene';
import type { LiftedView } from '../scene/liftedView';
import { rasterizePolygons } from './polygon';
import { decodeRleWindow } from './rle';
import { separateObject } from './separate';
import { SIZE_PRIORS, checkSize } from './sizes';
import type { Annotation2D, Mask } from './types';

export interface LiftObjectOptions {
  /** Voxels clustered per object, about (the voxel size adapts to reach it). */
  maxPoints?: number;
  /** Fewer clustered points than this flags the box. */
  minPoints?: number;
  /** Points this close to the support plane are taken as floor, metres. */
  floorBand?: number;
  /** Box-only: split the object from what lies behind or in front of it at depth jumps (default on). */
  separate?: boolean;
}

export interface ObjectQuality {
  [key: string]: number | boolean;
  /** Points of the chosen cluster (of the subsample). */
  points: number;
  /** Object pixels with a 3D point (before removing floor and clustering). */
  candidates: number;
  /** Share of the clustered points in the chosen cluster. */
  clusterShare: number;
  /** Share of the box's points kept as the object's surface after cutting at depth jumps (1 with a mask). */
  separatedShare: number;
  fewPoints: boolean;
  plausible: boolean;
  /** Whether the category has a size prior (false: the size was not judged). */
  sizePrior: boolean;
}

export interface LiftedBox {
  box3d: Box3D | null;
  quality: ObjectQuality;
  /** Why the size looks implausible, when it does. */
  note?: string;
}

/** The annotation's mask at stored resolution over its box, or null when it has only a box. */
function regionMask(a: Annotation2D, stored: { width: number; height: number }): { mask: Mask; x0: number; y0: number } | null {
  const seg = a.segmentation;
  if (!seg?.rle && !seg?.polygons?.length) return null;
  // only the box's window: a full-image mask per object would dominate the cost
  const x0 = Math.max(0, Math.floor(a.bbox[0])), y0 = Math.max(0, Math.floor(a.bbox[1]));
  const x1 = Math.min(stored.width, Math.ceil(a.bbox[0] + a.bbox[2])), y1 = Math.min(stored.height, Math.ceil(a.bbox[1] + a.bbox[3]));
  const w = Math.max(1, x1 - x0), h = Math.max(1, y1 - y0);
  if (seg.rle) return { mask: decodeRleWindow(seg.rle, x0, y0, w, h), x0, y0 };
  const local = seg.polygons!.map((p) => p.map((v, k) => v - (k % 2 === 0 ? x0 : y0)));
  return { mask: rasterizePolygons(local, w, h), x0, y0 };
}

export function liftAnnotation(a: Annotation2D, ctx: LiftedView, opts: LiftObjectOptions = {}): LiftedBox {
  const maxVoxels = opts.maxPoints ?? 1500;
  const minPoints = opts.minPoints ?? 30;
  const floorBand = opts.floorBand ?? 0.03;
  const { width: W, height: H, camera: K, R, T } = ctx;
  const sx = W / ctx.stored.width, sy = H / ctx.stored.height;
  const [bx, by, bw, bh] = a.bbox;
  // working-grid pixels whose centres fall inside the box
  const i0 = Math.max(0, Math.ceil(bx * sx - 0.5)), i1 = Math.min(W - 1, Math.floor((bx + bw) * sx - 0.5));
  const j0 = Math.max(0, Math.ceil(by * sy - 0.5)), j1 = Math.min(H - 1, Math.floor((by + bh) * sy - 0.5));
  const region = regionMask(a, ctx.stored);
  const empty: LiftedBox = { box3d: null, quality: { points: 0, candidates: 0, clusterShare: 0, separatedShare: 1, fewPoints: true, plausible: true, sizePrior: !!SIZE_PRIORS[a.category] } };
  if (i1 < i0 || j1 < j0) return empty;

  // 1. The object's 3D points (every pixel, or a fine grid on very large boxes).
  const step = Math.max(1, Math.ceil(Math.sqrt(((i1 - i0 + 1) * (j1 - j0 + 1)) / 60000)));
  const pts: number[] = [];
  const central: number[] = [];
  let candidates = 0;
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = R;
  const sep = !region && (opts.separate ?? true) ? separation(ctx, { i0, i1, j0, j1, step }, a.bbox, { sx, sy }, floorBand) : null;
  for (let j = j0, row = 0; j <= j1; j += step, row++) {
    const cv = ((j + 0.5) / sy - by) / bh;
    for (let i = i0, col = 0; i <= i1; i += step, col++) {
      const p = j * W + i;
      if (!ctx.keep[p]) continue;
      if (sep && !sep.keep[row * sep.cols + col]) {
        candidates++;
        continue;
      }
      if (region) {
        const u = Math.floor((i + 0.5) / sx) - region.x0, v = Math.floor((j + 0.5) / sy) - region.y0;
        if (u < 0 || v < 0 || u >= region.mask.width || v >= region.mask.height || !region.mask.data[v * region.mask.width + u]) continue;
      }
      candidates++;
      const z = ctx.depth[p], x = ((i - K.cx) / K.fx) * z, y = ((j - K.cy) / K.fy) * z;
      const wz = r6 * x + r7 * y + r8 * z + T[2];
      if (ctx.hasSupportPlane && wz < floorBand) continue;
      pts.push(r0 * x + r1 * y + r2 * z + T[0], r3 * x + r4 * y + r5 * z + T[1], wz);
      const cu = ((i + 0.5) / sx - bx) / bw;
      central.push(cu > 0.25 && cu < 0.75 && cv > 0.25 && cv < 0.75 ? 1 : 0);
    }
  }
  const n = pts.length / 3;
  if (n < 3) return { ...empty, quality: { ...empty.quality, candidates } };

  // 2. Voxel downsampling: surfaces seen at grazing angles are as dense in 3D as those seen head
  //    on, so one eps connects both (a pixel grid would leave grazing rows far apart).
  const v = voxelSize(pts, n, T, K.fx * sx, maxVoxels);
  const { centroids, weight, middle } = voxelize(pts, central, v);
  const m = weight.length;
  const labels = dbscan(centroids, m, Math.max(2.5 * v, depthScaledEps(centroids, m, T) * 0.5), 3);

  // 3. Which cluster is the object: for a mask, the largest; for a bare box, the one holding most of
  //    the box's middle (the object fills its box's middle; background and occluders its edges).
  const size = new Map<number, number>(), mid = new Map<number, number>();
  let total = 0;
  for (let k = 0; k < m; k++) {
    total += weight[k];
    const l = labels[k];
    if (l < 0) continue;
    size.set(l, (size.get(l) ?? 0) + weight[k]);
    mid.set(l, (mid.get(l) ?? 0) + middle[k]);
  }
  if (!size.size) return { ...empty, quality: { ...empty.quality, candidates } };
  const score = region ? size : mid;
  let best = -1, bestScore = -1;
  for (const [l, sc] of score) if (sc > bestScore || (sc === bestScore && size.get(l)! > size.get(best)!)) [best, bestScore] = [l, sc];
  const members: number[] = [];
  for (let k = 0; k < m; k++) if (labels[k] === best) members.push(k);

  const box = boxFromPoints(centroids, members, ctx.hasSupportPlane, v);
  const plaus = checkSize(a.category, box);
  const used = size.get(best)!;
  return {
    box3d: box,
    quality: { points: used, candidates, clusterShare: used / total, separatedShare: sep ? sep.kept / Math.max(1, sep.candidates) : 1, fewPoints: used < minPoints, plausible: plaus.plausible, sizePrior: plaus.prior },
    note: plaus.reason,
  };
}

/** Box-only: the box's sampled cells (camera depth, floor left out) split at depth jumps. */
function separation(ctx: LiftedView, w: { i0: number; i1: number; j0: number; j1: number; step: number }, bbox: Annotation2D['bbox'], s: { sx: number; sy: number }, floorBand: number) {
  const cols = Math.floor((w.i1 - w.i0) / w.step) + 1, rows = Math.floor((w.j1 - w.j0) / w.step) + 1;
  const z = new Float64Array(cols * rows).fill(NaN), centralCells = new Uint8Array(cols * rows);
  const { camera: K, R, T } = ctx;
  for (let row = 0; row < rows; row++) {
    const j = w.j0 + row * w.step, cv = ((j + 0.5) / s.sy - bbox[1]) / bbox[3];
    for (let col = 0; col < cols; col++) {
      const i = w.i0 + col * w.step, p = j * ctx.width + i, c = row * cols + col;
      const cu = ((i + 0.5) / s.sx - bbox[0]) / bbox[2];
      centralCells[c] = cu > 0.25 && cu < 0.75 && cv > 0.25 && cv < 0.75 ? 1 : 0;
      if (!ctx.keep[p]) continue;
      const d = ctx.depth[p];
      if (ctx.hasSupportPlane && R[6] * ((i - K.cx) / K.fx) * d + R[7] * ((j - K.cy) / K.fy) * d + R[8] * d + T[2] < floorBand) continue;
      z[c] = d;
    }
  }
  const r = separateObject({ cols, rows, z, central: centralCells, step: w.step, focal: K.fx });
  // floor cells are not the object's either way; count only the cells the cut could judge
  return { ...r, cols };
}

/**
 * Voxel edge for an object: no finer than twice the pixel footprint at its median distance (finer
 * voxels would not join neighbouring pixels) and coarse enough to keep at most about `maxVoxels`.
 */
function voxelSize(pts: number[], n: number, T: Vec3, f: number, maxVoxels: number): number {
  const d = new Float64Array(n);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, z0 = Infinity, z1 = -Infinity;
  for (let k = 0; k < n; k++) {
    const x = pts[k * 3], y = pts[k * 3 + 1], z = pts[k * 3 + 2];
    d[k] = Math.hypot(x - T[0], y - T[1], z - T[2]);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); z0 = Math.min(z0, z); z1 = Math.max(z1, z);
  }
  const footprint = (2 * quantileInPlace(d, 0.5)) / f;
  // a surface of the object's extent holds about area / v² voxels
  const area = (x1 - x0) * (y1 - y0) + ((x1 - x0) + (y1 - y0)) * (z1 - z0);
  return Math.max(0.005, footprint, Math.sqrt(area / maxVoxels));
}

/** Centroids of the occupied voxels, with how many points each holds and how many are central. */
function voxelize(pts: number[], central: number[], v: number): { centroids: Float32Array; weight: Uint32Array; middle: Uint32Array } {
  const index = new Map<number, number>();
  const sums: number[] = [], counts: number[] = [], mids: number[] = [];
  const n = pts.length / 3;
  for (let k = 0; k < n; k++) {
    const ix = Math.floor(pts[k * 3] / v), iy = Math.floor(pts[k * 3 + 1] / v), iz = Math.floor(pts[k * 3 + 2] / v);
    // 17 bits per axis keeps the key an exact double (< 2^51): ±327 m at the smallest 5 mm voxel
    const key = (ix + 65536) * 17179869184 + (iy + 65536) * 131072 + (iz + 65536);
    let c = index.get(key);
    if (c === undefined) {
      c = counts.length;
      index.set(key, c);
      sums.push(0, 0, 0);
      counts.push(0);
      mids.push(0);
    }
    sums[c * 3] += pts[k * 3];
    sums[c * 3 + 1] += pts[k * 3 + 1];
    sums[c * 3 + 2] += pts[k * 3 + 2];
    counts[c]++;
    mids[c] += central[k];
  }
  const m = counts.length;
  const centroids = new Float32Array(m * 3);
  for (let c = 0; c < m; c++) for (let a = 0; a < 3; a++) centroids[c * 3 + a] = sums[c * 3 + a] / counts[c];
  return { centroids, weight: Uint32Array.from(counts), middle: Uint32Array.from(mids) };
}

/**
 * Gravity-aligned box around cluster points: yaw from the minimum-area rectangle of the footprint,
 * extents from the 0.5th–99.5th percentiles along the box axes and z (so a few stray points do not
 * inflate it), the bottom snapped to the support plane when the points nearly reach it (the
 * visible part of an object standing on the floor rarely includes its very bottom).
 */
export function boxFromPoints(xyz: Float32Array, members: number[], snapToFloor: boolean, voxel = 0): Box3D {
  const m = members.length;
  const xy = new Float64Array(m * 2);
  for (let k = 0; k < m; k++) {
    xy[k * 2] = xyz[members[k] * 3];
    xy[k * 2 + 1] = xyz[members[k] * 3 + 1];
  }
  const rect = minAreaRect(xy);
  const c = Math.cos(rect.angle), s = Math.sin(rect.angle);
  const a = new Float64Array(m), b = new Float64Array(m), z = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const x = xy[k * 2], y = xy[k * 2 + 1];
    a[k] = x * c + y * s;
    b[k] = -x * s + y * c;
    z[k] = xyz[members[k] * 3 + 2];
  }
  // voxel centroids sit up to half a voxel inside the surface they sample
  const range = (v: Float64Array) => [quantileInPlace(v, 0.005) - voxel / 2, quantileInPlace(v, 0.995) + voxel / 2];
  const [a0, a1] = range(a), [b0, b1] = range(b);
  let [z0, z1] = range(z);
  if (snapToFloor && z0 < Math.max(0.1, 0.25 * (z1 - z0))) z0 = 0;
  const ca = (a0 + a1) / 2, cb = (b0 + b1) / 2;
  return {
    center: [ca * c - cb * s, ca * s + cb * c, (z0 + z1) / 2],
    size: [a1 - a0, b1 - b0, z1 - z0],
    yaw: rect.angle,
  };
}

/** Lifts every annotation into a scene object (box3d + quality), keeping boxes that must not move. */
export function liftObjects(annotations: Annotation2D[], ctx: LiftedView, keep: Map<string, SceneObject> = new Map(), opts?: LiftObjectOptions): SceneObject[] {
  return annotations.map((a) => {
    const prior = keep.get(a.id);
    // Boxes given with the input or edited by a reviewer are never replaced by a lift.
    if (prior?.box3d && (prior.source === 'annotated' || prior.source === 'edited')) return { ...prior, category: a.category, bbox2d: a.bbox };
    const lifted = liftAnnotation(a, ctx, opts);
    return {
      id: a.id,
      category: a.category,
      bbox2d: a.bbox,
      ...(a.segmentation?.rle ? { mask: { rle: a.segmentation.rle } } : a.segmentation?.polygons ? { mask: { polygon: a.segmentation.polygons } } : {}),
      ...(lifted.box3d ? { box3d: lifted.box3d } : {}),
      source: a.source === 'detected' ? 'detected' : 'lifted',
      quality: lifted.quality,
      ...(a.score !== undefined ? { score: a.score } : {}),
      ...(a.categoryId !== undefined ? { categoryId: a.categoryId } : {}),
      ...(lifted.note ? { note: lifted.note } : {}),
    } satisfies SceneObject;
  });
}
