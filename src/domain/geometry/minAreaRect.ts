// Convex hull and minimum-area enclosing rectangle of 2D points (the footprint of an object seen
// from above gives its box's yaw and horizontal size, docs/lifting.md). Points are packed [x0, y0,
// x1, y1, …].

const cross = (ox: number, oy: number, ax: number, ay: number, bx: number, by: number) =>
  (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);

/**
 * Indices of the convex hull's vertices, counter-clockwise, starting from the lowest x (then lowest
 * y), by Andrew's monotone chain. Points on a hull edge are left out, of repeated points the first
 * is kept, non-finite points are ignored. One distinct point gives one index, collinear points the
 * two ends.
 */
export function convexHull(xy: Float64Array | number[]): number[] {
  const n = Math.floor(xy.length / 2);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(xy[2 * i]) && Number.isFinite(xy[2 * i + 1])) idx.push(i);
  idx.sort((a, b) => xy[2 * a] - xy[2 * b] || xy[2 * a + 1] - xy[2 * b + 1] || a - b);
  // of repeated points keep the first (sorted by index among equals)
  let m = 0;
  for (const i of idx) if (m === 0 || xy[2 * i] !== xy[2 * idx[m - 1]] || xy[2 * i + 1] !== xy[2 * idx[m - 1] + 1]) idx[m++] = i;
  idx.length = m;
  if (m <= 1) return idx;
  const chain = (points: number[]): number[] => {
    const out: number[] = [];
    for (const i of points) {
      while (out.length >= 2) {
        const o = out[out.length - 2], a = out[out.length - 1];
        // <= 0 drops collinear and repeated points as well as right turns
        if (cross(xy[2 * o], xy[2 * o + 1], xy[2 * a], xy[2 * a + 1], xy[2 * i], xy[2 * i + 1]) > 0) break;
        out.pop();
      }
      out.push(i);
    }
    return out;
  };
  const lower = chain(idx);
  const upper = chain(idx.slice().reverse());
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

export interface Rect2D {
  center: [number, number];
  /** [along `angle`, across it], the first never shorter. */
  size: [number, number];
  /** Direction of the long side, radians counter-clockwise from +x, in (−π/2, π/2]. */
  angle: number;
}

/** Relative tolerance under which two sides count as equal (a square). */
const SQUARE_TOLERANCE = 1e-9;

/**
 * Smallest-area rectangle enclosing the points. One side of the optimum lies along a hull edge, so
 * rotating calipers try each edge with three pointers (farthest along the edge both ways, farthest
 * across it) that only ever move forward: O(h) after the hull.
 *
 * `size[0]` is the long side, along `angle` ∈ (−π/2, π/2]; a rectangle is the same after a half
 * turn, so the angle is only defined modulo π. For a square (sides equal within 1e-9) it is only
 * defined modulo π/2, and is reported in (−π/4, π/4]. Degenerate inputs give zero width: one
 * distinct point → size [0, 0], angle 0; collinear points → the segment, size [length, 0].
 * Throws on no (finite) points: there is no rectangle to report.
 */
export function minAreaRect(xy: Float64Array | number[]): Rect2D {
  const hull = convexHull(xy);
  const h = hull.length;
  if (h === 0) throw new RangeError('minAreaRect needs at least one finite point');
  // work relative to one hull vertex: coordinates far from the origin would lose precision in products
  const ox = xy[2 * hull[0]], oy = xy[2 * hull[0] + 1];
  const px = new Float64Array(h), py = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    px[k] = xy[2 * hull[k]] - ox;
    py[k] = xy[2 * hull[k] + 1] - oy;
  }
  if (h === 1) return { center: [ox, oy], size: [0, 0], angle: 0 };
  if (h === 2) {
    const len = Math.hypot(px[1], py[1]);
    return { center: [ox + px[1] / 2, oy + py[1] / 2], size: [len, 0], angle: normaliseAngle(Math.atan2(py[1], px[1]), false) };
  }

  let best = Infinity;
  let bux = 1, buy = 0, bu0 = 0, bu1 = 0, bv1 = 0, bi = 0;
  let iMax = 0, iMin = 0, iFar = 0;
  for (let i = 0; i < h; i++) {
    const j = i + 1 === h ? 0 : i + 1;
    const ex = px[j] - px[i], ey = py[j] - py[i];
    const len = Math.hypot(ex, ey);
    const ux = ex / len, uy = ey / len;
    // u along the edge, v its left normal: the hull is counter-clockwise, so v points inside it
    const pu = (k: number) => (px[k] - px[i]) * ux + (py[k] - py[i]) * uy;
    const pv = (k: number) => (py[k] - py[i]) * ux - (px[k] - px[i]) * uy;
    const next = (k: number) => (k + 1 === h ? 0 : k + 1);
    if (i === 0) {
      for (let k = 1; k < h; k++) {
        if (pu(k) > pu(iMax)) iMax = k;
        if (pu(k) < pu(iMin)) iMin = k;
        if (pv(k) > pv(iFar)) iFar = k;
      }
    } else {
      // each extreme moves counter-clockwise as the edge direction turns; strict steps cannot cycle
      for (let s = 0; s < h && pu(next(iMax)) > pu(iMax); s++) iMax = next(iMax);
      for (let s = 0; s < h && pu(next(iMin)) < pu(iMin); s++) iMin = next(iMin);
      for (let s = 0; s < h && pv(next(iFar)) > pv(iFar); s++) iFar = next(iFar);
    }
    const u0 = pu(iMin), u1 = pu(iMax), v1 = pv(iFar);
    const area = (u1 - u0) * v1;
    if (area < best) {
      best = area;
      bux = ux;
      buy = uy;
      bu0 = u0;
      bu1 = u1;
      bv1 = v1;
      bi = i;
    }
  }

  const a = bu1 - bu0, b = bv1;
  const um = (bu0 + bu1) / 2, vm = b / 2;
  const center: [number, number] = [ox + px[bi] + bux * um - buy * vm, oy + py[bi] + buy * um + bux * vm];
  const square = Math.abs(a - b) <= SQUARE_TOLERANCE * Math.max(a, b);
  // the long side goes first: along u when it is the longer, else along v = u turned a quarter
  if (a >= b) return { center, size: [a, b], angle: normaliseAngle(Math.atan2(buy, bux), square) };
  return { center, size: [b, a], angle: normaliseAngle(Math.atan2(bux, -buy), square) };
}

/** Into (−π/2, π/2] (a rectangle's half-turn symmetry), or (−π/4, π/4] for a square. */
function normaliseAngle(angle: number, square: boolean): number {
  const period = square ? Math.PI / 2 : Math.PI;
  let a = angle;
  while (a > period / 2) a -= period;
  while (a <= -period / 2) a += period;
  return a;
}
