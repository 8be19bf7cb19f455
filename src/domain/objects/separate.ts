// Box-only lifting: with no mask, a 2D box holds the object and whatever shows around it (the wall
// or shelf behind, the floor, things in front). The object is a surface that is continuous in
// depth and fills the box's middle; what lies behind or in front meets it at a depth jump. So the
// box's pixels are split into regions of the pixel grid joined only across small depth steps, floor pixels
// (on the support plane) are left out first (the floor joins everything standing on it), and the
// region holding most of the box's middle is the object, with the pieces that the holes of a
// depth sensor cut off it (regions at its own depth, not behind or in front of it). Sensors smear
// a jump over a few pixels, so edges are found over a baseline of several pixels: a depth change
// across it steeper than a surface seen at about 70° from head-on is an edge.

/** The sampled pixel grid of a box: camera depth per cell, NaN where there is no usable point. */
export interface BoxGrid {
  /** Cells across and down. */
  cols: number;
  rows: number;
  /** Camera-axis depth (metres) per cell, NaN for none (no depth, filtered, or floor). */
  z: Float64Array;
  /** 1 for cells in the middle of the box (the object fills it; background and occluders its edges). */
  central: Uint8Array;
  /** Pixels per cell side (the sampling step), and the focal length in pixels of the grid. */
  step: number;
  focal: number;
}

export interface SeparateOptions {
  /** Smallest depth step taken as an edge between neighbouring pixels, metres. */
  minJump?: number;
  /** Steepest surface still taken as continuous: its tangent of the angle to the line of sight. */
  maxSlope?: number;
}

export interface Separation {
  /** 1 for the object's cells. */
  keep: Uint8Array;
  /** Cells with a point, and cells kept. */
  candidates: number;
  kept: number;
  /** Whether an edge cut anything off (false when the whole box was one surface). */
  separated: boolean;
}

/**
 * Largest depth step between two neighbouring cells that is still one surface: a surface at
 * depth z seen at a slope s moves s·z/f per pixel along the line of sight; sensor noise adds a
 * floor.
 */
export function jumpThreshold(z: number, g: Pick<BoxGrid, 'step' | 'focal'>, opts: SeparateOptions = {}): number {
  const slope = opts.maxSlope ?? 2.5; // about 68° from head-on
  return Math.max(opts.minJump ?? 0.03, 0.01 * z) + (slope * z * g.step) / g.focal;
}

/** The object's cells in a box grid (see the module comment). */
export function separateObject(g: BoxGrid, opts: SeparateOptions = {}): Separation {
  const { cols, rows, z } = g;
  const n = cols * rows;
  const label = new Int32Array(n).fill(-1);
  const sizes: number[] = [], mids: number[] = [];
  const queue = new Int32Array(n);
  const edge = edgeCells(g, opts);
  let candidates = 0;
  for (let s = 0; s < n; s++) {
    if (!(z[s] > 0)) continue;
    candidates++;
    if (label[s] >= 0 || edge[s]) continue;
    const l = sizes.length;
    let size = 0, mid = 0, head = 0, tail = 0;
    label[s] = l;
    queue[tail++] = s;
    while (head < tail) {
      const c = queue[head++];
      size++;
      mid += g.central[c];
      const cx = c % cols, zc = z[c], t = jumpThreshold(zc, g, opts);
      const visit = (q: number) => {
        if (label[q] < 0 && !edge[q] && z[q] > 0 && Math.abs(z[q] - zc) <= t) {
          label[q] = l;
          queue[tail++] = q;
        }
      };
      if (cx > 0) visit(c - 1);
      if (cx < cols - 1) visit(c + 1);
      if (c >= cols) visit(c - cols);
      if (c < n - cols) visit(c + cols);
    }
    sizes.push(size);
    mids.push(mid);
  }
  const keep = new Uint8Array(n);
  // edge cells (mixed pixels of a smeared jump) belong to no region; they join the object below
  // when they touch it at its depth
  if (!sizes.length) return { keep, candidates, kept: 0, separated: false };
  let best = 0;
  for (let l = 1; l < sizes.length; l++) if (mids[l] > mids[best] || (mids[l] === mids[best] && sizes[l] > sizes[best])) best = l;

  // the object's depth range; regions cut off by holes but lying within it are its own pieces
  const depths: number[] = [];
  for (let c = 0; c < n; c++) if (label[c] === best) depths.push(z[c]);
  depths.sort((a, b) => a - b);
  const q = (f: number) => depths[Math.min(depths.length - 1, Math.floor(f * depths.length))];
  const near = q(0.05), far = q(0.95);
  const regionDepth = new Map<number, number[]>();
  for (let c = 0; c < n; c++) if (label[c] >= 0 && label[c] !== best) (regionDepth.get(label[c]) ?? regionDepth.set(label[c], []).get(label[c])!).push(z[c]);
  const join = new Set([best]);
  for (const [l, zs] of regionDepth) {
    zs.sort((a, b) => a - b);
    const median = zs[zs.length >> 1];
    const t = jumpThreshold(median, g, opts);
    if (median >= near - t && median <= far + t) join.add(l);
  }
  let kept = 0;
  for (let c = 0; c < n; c++)
    if (join.has(label[c])) {
      keep[c] = 1;
      kept++;
    }
  for (let c = 0; c < n; c++) {
    if (!edge[c] || !(z[c] >= near && z[c] <= far)) continue;
    const cx = c % cols;
    if ((cx > 0 && keep[c - 1] === 1) || (cx < cols - 1 && keep[c + 1] === 1) || (c >= cols && keep[c - cols] === 1) || (c < n - cols && keep[c + cols] === 1)) {
      keep[c] = 2; // not 1: a dilation of one ring, not a flood through the edge
      kept++;
    }
  }
  for (let c = 0; c < n; c++) if (keep[c]) keep[c] = 1;
  return { keep, candidates, kept, separated: kept < candidates };
}

/**
 * Cells where depth jumps: across a baseline of `2·reach` cells (either axis) the depth changes by
 * more than a continuous surface could over that many pixels.
 */
export function edgeCells(g: BoxGrid, opts: SeparateOptions = {}, reach = Math.max(1, Math.round(2 / g.step))): Uint8Array {
  const { cols, rows, z } = g;
  const edge = new Uint8Array(cols * rows);
  const wide = { step: g.step * 2 * reach, focal: g.focal };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c, zk = z[k];
      if (!(zk > 0)) continue;
      const t = jumpThreshold(zk, wide, opts);
      const jump = (a: number, b: number) => z[a] > 0 && z[b] > 0 && Math.abs(z[a] - z[b]) > t;
      if ((c >= reach && c + reach < cols && jump(k - reach, k + reach)) || (r >= reach && r + reach < rows && jump(k - reach * cols, k + reach * cols))) edge[k] = 1;
    }
  return edge;
}
