// DBSCAN over packed xyz points (docs/lifting.md: keep the largest cluster of an object's points,
// which drops occluders, background seen through the mask and merged neighbours).
//
// Neighbour queries use a uniform grid of cells a shade larger than eps, so every neighbour of a
// point lies in the 27 cells around its own. Cells are identified by an integer key (x fastest,
// then y, then z) and the points are sorted by key, so each cell's points are contiguous and the
// three cells of a row (x − 1, x, x + 1) form one contiguous run: a query reads 9 runs of a
// coordinate array laid out in cell order, instead of jumping around the input.
import type { Vec3 } from './linalg';
import { quantileInPlace } from './stats';

export const NOISE = -1;

/** Grid keys must stay exact integers in a double; the neighbour offsets stay below this too. */
const KEY_LIMIT = 2 ** 52;
/**
 * Cells are this much wider than eps so that rounding in (x − min) / cell can never put two points
 * exactly eps apart two cells apart.
 */
const CELL_MARGIN = 1 + 1e-6;
/** The 9 (dy, dz) rows of the neighbourhood; the point's own row first, where early exits happen. */
const ROWS: readonly (readonly [number, number])[] = [
  [0, 0], [-1, 0], [1, 0], [0, -1], [0, 1], [-1, -1], [1, -1], [-1, 1], [1, 1],
];

interface Grid {
  /** Number of finite points (the sorted positions 0…valid−1). */
  valid: number;
  /** Sorted position → input index. */
  order: Int32Array;
  /** Coordinates in sorted order, 3 per point. */
  p: Float64Array;
  /** Cell c holds sorted positions cellStart[c] … cellStart[c+1]−1. */
  cellStart: Int32Array;
  /** Sorted position → cell. */
  cellOf: Int32Array;
  /** 9 runs [start, end) of sorted positions per cell (18 numbers) covering its 27 neighbour cells. */
  runs: Int32Array;
}

const isFinite3 = (x: number, y: number, z: number) => x - x === 0 && y - y === 0 && z - z === 0;

/**
 * Integer cell coordinates along one axis for the rare grids too large for exact keys (huge extent
 * over eps, e.g. a far outlier): occupied coordinates are renumbered in order, keeping neighbours
 * (difference 1) adjacent and everything else 2 apart, which preserves "within one cell".
 */
function compressAxis(raw: Float64Array): { coords: Float64Array; extent: number } {
  const values = raw.slice().sort();
  let m = 0;
  for (let i = 0; i < values.length; i++) if (m === 0 || values[i] !== values[m - 1]) values[m++] = values[i];
  const ranks = new Float64Array(m);
  for (let j = 1; j < m; j++) ranks[j] = ranks[j - 1] + (values[j] - values[j - 1] === 1 ? 1 : 2);
  const coords = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] < raw[i]) lo = mid + 1;
      else hi = mid;
    }
    coords[i] = ranks[lo];
  }
  return { coords, extent: m ? ranks[m - 1] + 1 : 1 };
}

/** Cell key of every point (NaN for non-finite points) and the key strides. */
function cellKeys(xyz: Float32Array, count: number, eps: number): { keys: Float64Array; valid: number; nx: number; nxy: number } {
  let valid = 0;
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (let i = 0, o = 0; i < count; i++, o += 3) {
    const x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
    if (!isFinite3(x, y, z)) continue;
    valid++;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  }
  const keys = new Float64Array(count);
  if (!valid) return { keys: keys.fill(NaN), valid, nx: 1, nxy: 1 };
  const inv = 1 / (eps * CELL_MARGIN);
  // +1 for the cell itself, +2 for an empty border so that neighbour keys never wrap into another row
  let nx = Math.floor((x1 - x0) * inv) + 3, ny = Math.floor((y1 - y0) * inv) + 3, nz = Math.floor((z1 - z0) * inv) + 3;
  if (nx * ny * nz < KEY_LIMIT) {
    const nxy = nx * ny;
    for (let i = 0, o = 0; i < count; i++, o += 3) {
      const x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
      keys[i] = isFinite3(x, y, z)
        ? Math.floor((x - x0) * inv) + 1 + nx * (Math.floor((y - y0) * inv) + 1) + nxy * (Math.floor((z - z0) * inv) + 1)
        : NaN;
    }
    return { keys, valid, nx, nxy };
  }

  // Slow path: renumber occupied coordinates per axis, then, if still too many, merge cells (a
  // coarser grid still holds every neighbour within one cell, it only costs more distance tests).
  const raw = [new Float64Array(valid), new Float64Array(valid), new Float64Array(valid)];
  const mins = [x0, y0, z0];
  for (let i = 0, o = 0, k = 0; i < count; i++, o += 3) {
    if (!isFinite3(xyz[o], xyz[o + 1], xyz[o + 2])) continue;
    for (let a = 0; a < 3; a++) raw[a][k] = Math.min(KEY_LIMIT, Math.floor((xyz[o + a] - mins[a]) * inv));
    k++;
  }
  const axes = raw.map(compressAxis);
  let merge = 1;
  const cells = () => axes.reduce((prod, a) => prod * (Math.floor((a.extent - 1) / merge) + 3), 1);
  while (cells() >= KEY_LIMIT) merge *= 2;
  [nx, ny, nz] = axes.map((a) => Math.floor((a.extent - 1) / merge) + 3);
  const nxy = nx * ny;
  for (let i = 0, o = 0, k = 0; i < count; i++, o += 3) {
    if (!isFinite3(xyz[o], xyz[o + 1], xyz[o + 2])) {
      keys[i] = NaN;
      continue;
    }
    const c = (a: number) => Math.floor(axes[a].coords[k] / merge) + 1;
    keys[i] = c(0) + nx * c(1) + nxy * c(2);
    k++;
  }
  return { keys, valid, nx, nxy };
}

/** Hash of an integer-valued key below 2^52 into a power-of-two table. */
function slotOf(key: number, mask: number): number {
  const lo = key >>> 0, hi = (key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return h & mask;
}

/**
 * Each point's cell, numbered in ascending key order, and the sorted distinct keys. Distinct keys
 * come from an open-addressing hash table (one probe sequence per point); only they are sorted,
 * and there are usually far fewer cells than points.
 */
function indexCells(keys: Float64Array, valid: number): { pointCell: Int32Array; cellKey: Float64Array } {
  const count = keys.length;
  let cap = 16;
  while (cap < valid * 2) cap *= 2;
  const mask = cap - 1;
  const slotKey = new Float64Array(cap);
  const slotCell = new Int32Array(cap); // 0 = empty
  const pointCell = new Int32Array(count); // first the slot, then the cell
  const uniq = new Float64Array(valid);
  let cells = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (key !== key) {
      pointCell[i] = -1;
      continue;
    }
    let h = slotOf(key, mask);
    while (slotCell[h] !== 0 && slotKey[h] !== key) h = (h + 1) & mask;
    if (slotCell[h] === 0) {
      slotKey[h] = key;
      slotCell[h] = 1;
      uniq[cells++] = key;
    }
    pointCell[i] = h;
  }
  const cellKey = uniq.subarray(0, cells).sort();
  for (let c = 0; c < cells; c++) {
    const key = cellKey[c];
    let h = slotOf(key, mask);
    while (slotKey[h] !== key) h = (h + 1) & mask;
    slotCell[h] = c;
  }
  for (let i = 0; i < count; i++) if (pointCell[i] >= 0) pointCell[i] = slotCell[pointCell[i]];
  return { pointCell, cellKey };
}

/** Counting sort of the points by cell (stable: input order within a cell). */
function sortByCell(xyz: Float32Array, pointCell: Int32Array, cells: number, valid: number) {
  const count = pointCell.length;
  const cellStart = new Int32Array(cells + 1);
  for (let i = 0; i < count; i++) if (pointCell[i] >= 0) cellStart[pointCell[i] + 1]++;
  for (let c = 0; c < cells; c++) cellStart[c + 1] += cellStart[c];
  const cursor = cellStart.slice(0, cells);
  const order = new Int32Array(valid);
  const cellOf = new Int32Array(valid);
  const p = new Float64Array(valid * 3);
  for (let i = 0; i < count; i++) {
    const c = pointCell[i];
    if (c < 0) continue;
    const s = cursor[c]++;
    order[s] = i;
    cellOf[s] = c;
    p[s * 3] = xyz[i * 3];
    p[s * 3 + 1] = xyz[i * 3 + 1];
    p[s * 3 + 2] = xyz[i * 3 + 2];
  }
  return { cellStart, order, cellOf, p };
}

/**
 * The 9 runs of every cell. For a fixed row offset the first key of the neighbour row grows with
 * the cell's key, so one forward-moving pointer per row offset finds them without any lookup.
 */
function neighbourRuns(cellKey: Float64Array, cellStart: Int32Array, nx: number, nxy: number): Int32Array {
  const cells = cellKey.length;
  const runs = new Int32Array(cells * 18);
  for (let r = 0; r < ROWS.length; r++) {
    const offset = ROWS[r][0] * nx + ROWS[r][1] * nxy - 1;
    let q = 0;
    for (let c = 0; c < cells; c++) {
      const first = cellKey[c] + offset;
      while (q < cells && cellKey[q] < first) q++;
      let end = q;
      while (end < cells && cellKey[end] <= first + 2) end++;
      runs[c * 18 + r * 2] = cellStart[q];
      runs[c * 18 + r * 2 + 1] = cellStart[end];
    }
  }
  return runs;
}

function buildGrid(xyz: Float32Array, count: number, eps: number): Grid {
  const { keys, valid, nx, nxy } = cellKeys(xyz, count, eps);
  const { pointCell, cellKey } = indexCells(keys, valid);
  const { cellStart, order, cellOf, p } = sortByCell(xyz, pointCell, cellKey.length, valid);
  return { valid, order, p, cellStart, cellOf, runs: neighbourRuns(cellKey, cellStart, nx, nxy) };
}

/** Core flags per sorted position: count neighbours, stopping as soon as there are enough. */
function coreFlags(g: Grid, eps2: number, minPts: number): Uint8Array {
  const { p, cellStart, runs } = g;
  const core = new Uint8Array(g.valid);
  const cells = cellStart.length - 1;
  for (let c = 0; c < cells; c++) {
    const r0 = c * 18;
    for (let s = cellStart[c]; s < cellStart[c + 1]; s++) {
      const x = p[s * 3], y = p[s * 3 + 1], z = p[s * 3 + 2];
      let n = 0;
      scan: for (let r = r0; r < r0 + 18; r += 2) {
        for (let t = runs[r], end = runs[r + 1]; t < end; t++) {
          const dx = p[t * 3] - x, dy = p[t * 3 + 1] - y, dz = p[t * 3 + 2] - z;
          if (dx * dx + dy * dy + dz * dz <= eps2 && ++n >= minPts) break scan;
        }
      }
      if (n >= minPts) core[s] = 1;
    }
  }
  return core;
}

/** Cluster labels per sorted position: flood fill from core points, seeds taken in input order. */
function flood(g: Grid, core: Uint8Array, count: number, eps2: number): Int32Array {
  const { valid, order, p, cellOf, runs } = g;
  const rank = new Int32Array(count).fill(-1);
  for (let s = 0; s < valid; s++) rank[order[s]] = s;
  const label = new Int32Array(valid).fill(NOISE);
  const stack = new Int32Array(valid);
  // next[t] leads to the first unlabelled sorted position ≥ t (a skip list with path halving).
  // Labelled points are settled (a core point's cluster is unique, a border point keeps its
  // first), and skipping them keeps the flood from rescanning filled neighbourhoods point by point.
  const next = new Int32Array(valid + 1);
  for (let s = 0; s <= valid; s++) next[s] = s;
  let clusters = 0;
  for (let i = 0; i < count; i++) {
    const seed = rank[i];
    if (seed < 0 || !core[seed] || label[seed] !== NOISE) continue;
    const id = clusters++;
    label[seed] = id;
    next[seed] = seed + 1;
    let top = 0;
    stack[top++] = seed;
    while (top > 0) {
      const s = stack[--top];
      const x = p[s * 3], y = p[s * 3 + 1], z = p[s * 3 + 2];
      const r0 = cellOf[s] * 18;
      for (let r = r0; r < r0 + 18; r += 2) {
        const end = runs[r + 1];
        let t = runs[r];
        while (next[t] !== t) t = next[t] = next[next[t]];
        while (t < end) {
          const dx = p[t * 3] - x, dy = p[t * 3 + 1] - y, dz = p[t * 3 + 2] - z;
          if (dx * dx + dy * dy + dz * dz <= eps2) {
            label[t] = id;
            next[t] = t + 1;
            if (core[t]) stack[top++] = t;
          }
          t++;
          while (next[t] !== t) t = next[t] = next[next[t]];
        }
      }
    }
  }
  return label;
}

/**
 * DBSCAN labels per point: 0, 1, 2, … by cluster, −1 for noise. A point is core when at least
 * `minPts` points (itself included) lie within `eps` (Euclidean, inclusive); core points within eps
 * of each other share a cluster; a non-core point within eps of a core point is a border point of
 * that core's cluster. As in the original algorithm a border point reachable from two clusters joins
 * the one found first. Clusters are numbered in the order of their first core point in the input, so
 * the result does not depend on the grid. Non-finite points are noise.
 */
export function dbscan(xyz: Float32Array, count: number, eps: number, minPts: number): Int32Array {
  if (!(eps > 0) || !Number.isFinite(eps)) throw new RangeError(`dbscan: eps must be a positive number (got ${eps})`);
  if (!(count >= 0) || count * 3 > xyz.length) throw new RangeError(`dbscan: ${count} points need ${count * 3} values, got ${xyz.length}`);
  const out = new Int32Array(count).fill(NOISE);
  if (count === 0) return out;
  const grid = buildGrid(xyz, count, eps);
  const eps2 = eps * eps;
  const label = flood(grid, coreFlags(grid, eps2, minPts), count, eps2);
  const { order, valid } = grid;
  for (let s = 0; s < valid; s++) out[order[s]] = label[s];
  return out;
}

/**
 * The most populous cluster (ties: the lower label), its point indices ascending, and its share of
 * all points, noise included. When every point is noise: label −1, no indices, share 0.
 */
export function largestCluster(labels: Int32Array): { label: number; indices: Uint32Array; share: number } {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  if (max < 0) return { label: NOISE, indices: new Uint32Array(0), share: 0 };
  const sizes = new Int32Array(max + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) sizes[labels[i]]++;
  let best = 0;
  for (let l = 1; l <= max; l++) if (sizes[l] > sizes[best]) best = l;
  const indices = new Uint32Array(sizes[best]);
  for (let i = 0, k = 0; i < labels.length; i++) if (labels[i] === best) indices[k++] = i;
  return { label: best, indices, share: indices.length / labels.length };
}

/**
 * eps for clustering one object's points: `base + perMetre · d`, d the median distance of the
 * points from the camera centre (world frame, metres).
 *
 * Why linear in distance: neighbouring pixels unproject d / f apart, so the spacing of a surface's
 * points grows linearly with depth, and monocular depth errors are roughly a constant fraction of
 * the depth (the calibrated scale is one global factor), so the noise across a surface grows
 * linearly too. 1 cm per metre is about 1 % relative depth noise; `base` covers the close range
 * where pixel spacing is sub-millimetre but the surface is still noisy. The median (not the mean)
 * keeps a few far background points from widening eps and merging the object with them. No finite
 * point: `base`.
 */
export function depthScaledEps(xyz: Float32Array, count: number, cameraCentre: Vec3, base = 0.02, perMetre = 0.01): number {
  const [cx, cy, cz] = cameraCentre;
  const d = new Float64Array(count);
  let n = 0;
  for (let i = 0, o = 0; i < count; i++, o += 3) {
    const dist = Math.hypot(xyz[o] - cx, xyz[o + 1] - cy, xyz[o + 2] - cz);
    if (dist - dist === 0) d[n++] = dist;
  }
  if (n === 0) return base;
  return base + perMetre * quantileInPlace(d.subarray(0, n), 0.5);
}
