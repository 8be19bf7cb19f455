// Gravity-aligned 3D boxes (docs/formats.md): centre, size [length, width, height], yaw about +z.
// Length runs along the box's own x axis, which is world x turned by yaw counter-clockwise seen from
// above; height runs along world z. Sizes are read as magnitudes.
import type { Box3D } from '../scene/scene';
import type { Intrinsics } from './camera';
import type { Mat3, Vec3 } from './linalg';

/**
 * Corner order of `boxCorners`: the bottom face counter-clockwise seen from above, starting at the
 * box's local (−length/2, −width/2), then the top face in the same order, so corner k + 4 lies
 * straight above corner k:
 *   0 (−l, −w, bottom), 1 (+l, −w, bottom), 2 (+l, +w, bottom), 3 (−l, +w, bottom), 4…7 the same on top.
 */
export const BOX_EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 0], // bottom
  [4, 5], [5, 6], [6, 7], [7, 4], // top
  [0, 4], [1, 5], [2, 6], [3, 7], // vertical
];

/** Near plane for drawing, metres in front of the camera. */
export const NEAR_PLANE = 0.01;

const halfSize = (box: Box3D) => [Math.abs(box.size[0]) / 2, Math.abs(box.size[1]) / 2, Math.abs(box.size[2]) / 2];

/** The 8 corners in the order documented at `BOX_EDGES`. */
export function boxCorners(box: Box3D): Vec3[] {
  const cz = box.center[2], hh = halfSize(box)[2];
  const foot = boxFootprint(box);
  return [...foot.map(([x, y]): Vec3 => [x, y, cz - hh]), ...foot.map(([x, y]): Vec3 => [x, y, cz + hh])];
}

/** The 4 corners of the box seen from above, counter-clockwise (corners 0–3 of `boxCorners`, in xy). */
export function boxFootprint(box: Box3D): [number, number][] {
  const [cx, cy] = box.center;
  const [hl, hw] = halfSize(box);
  const c = Math.cos(box.yaw), s = Math.sin(box.yaw);
  const local: [number, number][] = [[-hl, -hw], [hl, -hw], [hl, hw], [-hl, hw]];
  return local.map(([x, y]) => [cx + c * x - s * y, cy + s * x + c * y]);
}

/** Area of a simple polygon given as packed xy, positive when counter-clockwise. */
function signedArea(poly: number[]): number {
  let a = 0;
  for (let i = 0, n = poly.length; i < n; i += 2) {
    const j = i + 2 === n ? 0 : i + 2;
    a += poly[i] * poly[j + 1] - poly[j] * poly[i + 1];
  }
  return a / 2;
}

/** Part of a convex polygon (packed xy) left of the directed line a → b (one Sutherland–Hodgman step). */
function clipLeft(poly: number[], ax: number, ay: number, bx: number, by: number): number[] {
  const out: number[] = [];
  const n = poly.length;
  const ex = bx - ax, ey = by - ay;
  for (let i = 0; i < n; i += 2) {
    const j = i + 2 === n ? 0 : i + 2;
    const px = poly[i], py = poly[i + 1], qx = poly[j], qy = poly[j + 1];
    const sp = ex * (py - ay) - ey * (px - ax), sq = ex * (qy - ay) - ey * (qx - ax);
    if (sp >= 0) out.push(px, py);
    // the edge p → q crosses the line: add the crossing (sp and sq of opposite signs, so no 0/0)
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      out.push(px + t * (qx - px), py + t * (qy - py));
    }
  }
  return out;
}

/** Area common to two convex counter-clockwise polygons. */
function convexIntersectionArea(a: [number, number][], b: [number, number][]): number {
  let poly = a.flat();
  for (let k = 0; k < b.length && poly.length >= 6; k++) {
    const [ax, ay] = b[k], [bx, by] = b[(k + 1) % b.length];
    poly = clipLeft(poly, ax, ay, bx, by);
  }
  return poly.length >= 6 ? Math.max(0, signedArea(poly)) : 0;
}

/**
 * 3D intersection over union, exact for yaw-rotated boxes: both are prisms over their footprints,
 * so the intersection is (footprint intersection area) × (overlap of the z ranges). 0 when the union
 * has no volume (flat boxes).
 */
export function iou3d(a: Box3D, b: Box3D): number {
  const [al, aw, ah] = halfSize(a), [bl, bw, bh] = halfSize(b);
  const dz = Math.min(a.center[2] + ah, b.center[2] + bh) - Math.max(a.center[2] - ah, b.center[2] - bh);
  const va = 8 * al * aw * ah, vb = 8 * bl * bw * bh;
  if (!(dz > 0) || !(va + vb > 0)) return 0;
  // footprints farther apart than their circumscribed circles cannot meet
  const reach = Math.hypot(al, aw) + Math.hypot(bl, bw);
  if (Math.hypot(a.center[0] - b.center[0], a.center[1] - b.center[1]) > reach) return 0;
  const inter = convexIntersectionArea(boxFootprint(a), boxFootprint(b)) * dz;
  const union = va + vb - inter;
  return union > 0 ? Math.min(1, Math.max(0, inter / union)) : 0;
}

/**
 * The 12 edges (order of `BOX_EDGES`) in pixels, OpenCV convention (pixel centres at integers):
 * with `R`, `T` the camera's worldFromCamera, P_cam = Rᵀ(P_world − T), u = fx·x/z + cx,
 * v = fy·y/z + cy. Each edge is clipped to the part in front of the near plane z = 0.01 m, so a box
 * partly behind the camera still draws what is visible. Every edge is `[a, b]`; both are null when
 * the whole edge is behind the camera. Edges are not clipped to the image.
 */
export function projectBoxEdges(box: Box3D, K: Intrinsics, R: Mat3, T: Vec3): ([number, number] | null)[][] {
  const cam = boxCorners(box).map(([x, y, z]): Vec3 => {
    const dx = x - T[0], dy = y - T[1], dz = z - T[2];
    // Rᵀ·d: row k of Rᵀ is column k of R
    return [R[0] * dx + R[3] * dy + R[6] * dz, R[1] * dx + R[4] * dy + R[7] * dz, R[2] * dx + R[5] * dy + R[8] * dz];
  });
  const project = (p: Vec3): [number, number] => [K.fx * (p[0] / p[2]) + K.cx, K.fy * (p[1] / p[2]) + K.cy];
  return BOX_EDGES.map(([i, j]) => {
    let p = cam[i], q = cam[j];
    const pIn = p[2] >= NEAR_PLANE, qIn = q[2] >= NEAR_PLANE;
    if (!pIn && !qIn) return [null, null];
    if (!pIn || !qIn) {
      // move the endpoint behind the plane to where the edge crosses it
      const t = (NEAR_PLANE - p[2]) / (q[2] - p[2]);
      const cut: Vec3 = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), NEAR_PLANE];
      if (pIn) q = cut;
      else p = cut;
    }
    return [project(p), project(q)];
  });
}

/** Whether p lies in the box, faces included (with a nanometre of slack for rounding in the yaw). */
export function pointInBox(box: Box3D, p: Vec3): boolean {
  const [hl, hw, hh] = halfSize(box);
  const dx = p[0] - box.center[0], dy = p[1] - box.center[1], dz = p[2] - box.center[2];
  const c = Math.cos(box.yaw), s = Math.sin(box.yaw);
  const tol = 1e-9;
  return Math.abs(c * dx + s * dy) <= hl + tol && Math.abs(-s * dx + c * dy) <= hw + tol && Math.abs(dz) <= hh + tol;
}

/** Footprints whose sides differ by less than this share of the longer side count as square. */
export const SQUARE_SHARE = 0.05;

/**
 * Smallest angle (radians) between the horizontal orientations of two boxes. A box looks the same
 * after a half turn, so the answer lies in [0, π/2]. The orientation compared is that of the long
 * side (a box [1, 2, h] at yaw θ is the box [2, 1, h] at θ + π/2). When either footprint is nearly
 * square (|length − width| < 5 % of the longer side) its long side is arbitrary and it looks the same
 * after a quarter turn, so the answer is taken modulo π/2 and lies in [0, π/4].
 */
export function yawDifference(a: Box3D, b: Box3D): number {
  const axis = (box: Box3D) => {
    const l = Math.abs(box.size[0]), w = Math.abs(box.size[1]);
    return { yaw: box.yaw + (l < w ? Math.PI / 2 : 0), square: Math.abs(l - w) < SQUARE_SHARE * Math.max(l, w) || l === w };
  };
  const A = axis(a), B = axis(b);
  const period = A.square || B.square ? Math.PI / 2 : Math.PI;
  let d = (A.yaw - B.yaw) % period;
  if (d < 0) d += period;
  return Math.min(d, period - d);
}
