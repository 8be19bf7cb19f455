// COCO polygons: flat [x0, y0, x1, y1, …] lists in continuous pixel coordinates (docs/formats.md).
import type { BBox, Mask } from './types';

/**
 * The mask of one or more polygons: pixel (i, j) is inside when its centre (i + 0.5, j + 0.5) is
 * inside a polygon by the even-odd rule; the polygons are OR-ed, so overlapping parts of one object
 * do not cancel. A centre exactly on a left or top edge counts as inside, on a right or bottom edge
 * as outside, so polygons that share an edge never both claim a pixel.
 */
export function rasterizePolygons(polys: number[][], width: number, height: number): Mask {
  const data = new Uint8Array(width * height);
  for (const poly of polys) fillPolygon(poly, width, height, data);
  return { width, height, data };
}

function fillPolygon(poly: number[], width: number, height: number, data: Uint8Array): void {
  const n = poly.length >> 1;
  if (n < 3) return;
  // Edge table: each non-horizontal edge with the rows [j0, j1) whose centre line it crosses.
  const ex = new Float64Array(n), ey = new Float64Array(n), slope = new Float64Array(n);
  const j0s = new Int32Array(n), j1s = new Int32Array(n);
  const order: number[] = [];
  for (let k = 0; k < n; k++) {
    const k2 = k + 1 === n ? 0 : k + 1;
    let xa = poly[2 * k], ya = poly[2 * k + 1], xb = poly[2 * k2], yb = poly[2 * k2 + 1];
    if (ya === yb || !Number.isFinite(ya + yb + xa + xb)) continue;
    if (ya > yb) [xa, ya, xb, yb] = [xb, yb, xa, ya];
    // Half-open in y (ya ≤ yc < yb) so a vertex shared by two edges is counted once.
    const j0 = Math.max(0, Math.ceil(ya - 0.5));
    const j1 = Math.min(height, Math.ceil(yb - 0.5));
    if (j0 >= j1) continue;
    ex[k] = xa;
    ey[k] = ya;
    slope[k] = (xb - xa) / (yb - ya);
    j0s[k] = j0;
    j1s[k] = j1;
    order.push(k);
  }
  if (order.length === 0) return;
  order.sort((a, b) => j0s[a] - j0s[b]);

  const active = new Int32Array(order.length);
  let nActive = 0;
  const xs = new Float64Array(order.length);
  let next = 0;
  let jEnd = 0;
  for (const k of order) if (j1s[k] > jEnd) jEnd = j1s[k];
  for (let j = j0s[order[0]]; j < jEnd; j++) {
    while (next < order.length && j0s[order[next]] <= j) active[nActive++] = order[next++];
    const yc = j + 0.5;
    let m = 0;
    let keep = 0;
    for (let a = 0; a < nActive; a++) {
      const k = active[a];
      if (j1s[k] <= j) continue; // finished: drop from the active list
      active[keep++] = k;
      xs[m++] = ex[k] + (yc - ey[k]) * slope[k];
    }
    nActive = keep;
    if (m < 2) continue;
    const row = xs.subarray(0, m).sort();
    const base = j * width;
    for (let a = 0; a + 1 < m; a += 2) {
      // Centres i + 0.5 in [xl, xr): i from ceil(xl − 0.5) up to, not including, ceil(xr − 0.5).
      const i0 = Math.max(0, Math.ceil(row[a] - 0.5));
      const i1 = Math.min(width, Math.ceil(row[a + 1] - 0.5));
      if (i1 > i0) data.fill(1, base + i0, base + i1);
    }
  }
}

/** Area enclosed by a polygon (shoelace formula, absolute value), in pixels². */
export function polygonArea(poly: number[]): number {
  const n = poly.length >> 1;
  if (n < 3) return 0;
  let twice = 0;
  for (let k = 0, prev = n - 1; k < n; prev = k++) {
    twice += poly[2 * prev] * poly[2 * k + 1] - poly[2 * k] * poly[2 * prev + 1];
  }
  return Math.abs(twice) / 2;
}

/** COCO box [x, y, w, h] around all the polygons' vertices; [0, 0, 0, 0] when there are none. */
export function polygonBbox(polys: number[][]): BBox {
  let xMin = Infinity, yMin = Infinity, xMax = -Infinity, yMax = -Infinity;
  for (const poly of polys) {
    for (let k = 0; k + 1 < poly.length; k += 2) {
      const x = poly[k], y = poly[k + 1];
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (xMax < xMin) return [0, 0, 0, 0];
  return [xMin, yMin, xMax - xMin, yMax - yMin];
}

/**
 * Whether a polygon is simple: no two non-adjacent edges meet (crossing, touching or overlapping)
 * and no edge folds back along the previous one. Repeated consecutive vertices (common in COCO
 * files) and an explicit closing vertex are ignored; fewer than 3 distinct vertices is not simple.
 */
export function isSimplePolygon(poly: number[]): boolean {
  const pts = distinctVertices(poly);
  const n = pts.length >> 1;
  if (n < 3) return false;
  const X = (k: number) => pts[2 * (k % n)];
  const Y = (k: number) => pts[2 * (k % n) + 1];
  for (let a = 0; a < n; a++) {
    const ax = X(a), ay = Y(a), bx = X(a + 1), by = Y(a + 1), cx = X(a + 2), cy = Y(a + 2);
    // Adjacent edges share a vertex; they only overlap when the second turns straight back.
    if (orient(ax, ay, bx, by, cx, cy) === 0 && (bx - ax) * (cx - bx) + (by - ay) * (cy - by) < 0) return false;
  }
  if (n === 3) return true;
  for (let a = 0; a < n; a++) {
    const ax = X(a), ay = Y(a), bx = X(a + 1), by = Y(a + 1);
    const loX = Math.min(ax, bx), hiX = Math.max(ax, bx), loY = Math.min(ay, by), hiY = Math.max(ay, by);
    // Edge a meets edges a ± 1 at a shared vertex by construction; edge 0 and edge n − 1 too.
    for (let b = a + 2; b < (a === 0 ? n - 1 : n); b++) {
      const cx = X(b), cy = Y(b), dx = X(b + 1), dy = Y(b + 1);
      if (Math.max(cx, dx) < loX || Math.min(cx, dx) > hiX || Math.max(cy, dy) < loY || Math.min(cy, dy) > hiY) continue;
      if (segmentsMeet(ax, ay, bx, by, cx, cy, dx, dy)) return false;
    }
  }
  return true;
}

function distinctVertices(poly: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k + 1 < poly.length; k += 2) {
    const x = poly[k], y = poly[k + 1];
    const m = out.length;
    if (m >= 2 && out[m - 2] === x && out[m - 1] === y) continue;
    out.push(x, y);
  }
  while (out.length >= 4 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) out.length -= 2;
  return out;
}

/** Sign of the turn a → b → c: > 0 counter-clockwise (in x-right, y-up terms), 0 collinear. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Whether closed segments ab and cd share at least one point. */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy), o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay), o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))
  );
}
