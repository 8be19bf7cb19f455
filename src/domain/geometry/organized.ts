// Filters over the organised pixel grid of a depth map (docs/lifting.md). On the CPUs this runs on,
// one pass over a megapixel costs several milliseconds and the whole post-processing budget is
// 40 ms a megapixel, so the filters share one read of each pixel's neighbourhood and write one
// value per pixel; unprojection then makes the final keep decision in its own single pass.
import { quantileInPlace } from './stats';
import { type Memory, Workspace, freshMemory } from './workspace';

/** Codes in the per-pixel classification array (values ≥ 0 are neighbour steps). */
export const PIXEL_INVALID = -2;
export const PIXEL_EDGE = -1;

export interface GridFilterOptions {
  /** Relative-discontinuity threshold for depth edges and flying pixels. */
  rtol?: number;
  /** Outlier threshold in standard deviations of the neighbour step; 0 turns the test off. */
  outlierK?: number;
  /** Pixels to gather for the support-plane fit. */
  sampleSize?: number;
}

export interface GridClassification {
  /**
   * Per pixel: PIXEL_INVALID, PIXEL_EDGE, +∞ for a speckle (no valid neighbour along either axis),
   * or the pixel's neighbour-step statistic. A pixel is kept when its value is ≥ 0 and ≤ `limit`.
   */
  step: Float32Array;
  limit: number;
  valid: number;
  edges: number;
  /** Valid pixels that are not edges: the kept ones plus the outliers. */
  candidates: number;
  /** Evenly spread kept pixels (row-major indices) for the plane fit. */
  sample: Uint32Array;
}

/**
 * One pass over each pixel's 4-neighbourhood (left, right, up, down) applies two filters:
 *
 * - Depth edges and flying pixels, the relative-discontinuity test: a pixel is an edge when a valid
 *   neighbour's depth differs from its own by more than rtol of its own depth. Pixels blended across
 *   an object boundary differ from both surfaces and always fail it.
 * - Statistical outliers, in the form that suits an organised cloud: a point's neighbours are its
 *   image neighbours, and its statistic is the smaller of its mean relative depth steps (|Δz|/z)
 *   along the row and along the column — the smaller, so that one bad neighbour cannot make a good
 *   point look bad. Points whose statistic exceeds both mean + k·σ and twice the median of all of
 *   them are outliers; so are speckles, whose rows and columns both lack a valid neighbour. (For
 *   neighbouring pixels the 3D distance is the depth step plus a constant pixel footprint, so this
 *   ranks points as a 3D nearest-neighbour test would.)
 *
 * Invalid depth is ≤ 0, NaN or ∞, or outside `mask`.
 */
export function classifyDepthGrid(
  depth: Float32Array,
  width: number,
  height: number,
  options: GridFilterOptions = {},
  mask?: Uint8Array,
  mem: Memory = freshMemory,
): GridClassification {
  const rtol = options.rtol ?? 0.04;
  const k = options.outlierK ?? 3;
  const n = width * height;
  let d = depth;
  if (mask) {
    d = mem.f32('grid-masked', n);
    for (let i = 0; i < n; i++) d[i] = mask[i] ? depth[i] : 0;
  }
  const step = mem.f32('grid-step', n);
  const sampleEvery = Math.max(1, Math.floor(n / (options.sampleSize ?? 65536)));
  const sample = mem.u32('grid-sample', Math.ceil(n / sampleEvery) + 1);
  // Each loop lives in its own function so that V8 optimises each with its own type feedback.
  const pass = classifyPass(d, step, sample, width, height, rtol, sampleEvery);
  let limit = Infinity;
  if (k > 0 && pass.m > 0) {
    const mean = pass.sum / pass.m;
    const std = Math.sqrt(Math.max(0, pass.sumSq / pass.m - mean * mean));
    const steps = mem.f32('grid-sample-steps', pass.taken);
    for (let j = 0; j < pass.taken; j++) steps[j] = step[sample[j]];
    limit = Math.max(mean + k * std, 2 * quantileInPlace(steps, 0.5));
  }
  let kept = 0;
  for (let j = 0; j < pass.taken; j++) if (step[sample[j]] <= limit) sample[kept++] = sample[j];
  return { step, limit, valid: pass.valid, edges: pass.edges, candidates: pass.valid - pass.edges, sample: sample.subarray(0, kept) };
}

// Missing neighbours (border or invalid) count as a step of MISSING: finite, so the branch-free
// min stays exact, far above any real step, and excluded from the discontinuity test.
const MISSING = 1e6;

interface PassTotals {
  taken: number;
  nextSample: number;
  sum: number;
  sumSq: number;
  m: number;
  valid: number;
  edges: number;
  speckles: number;
}

function classifyPass(d: Float32Array, step: Float32Array, sample: Uint32Array, width: number, height: number, rtol: number, sampleEvery: number): PassTotals {
  const acc: PassTotals = { taken: 0, nextSample: 0, sum: 0, sumSq: 0, m: 0, valid: 0, edges: 0, speckles: 0 };
  for (let v = 0; v < height; v++) {
    const row = v * width;
    if (v === 0 || v === height - 1 || width < 3) {
      for (let u = 0; u < width; u++) classifyPixel(d, step, sample, width, height, rtol, sampleEvery, acc, u, v);
      continue;
    }
    classifyPixel(d, step, sample, width, height, rtol, sampleEvery, acc, 0, v);
    interiorRow(d, step, sample, width, row + 1, row + width - 1, rtol, sampleEvery, acc);
    classifyPixel(d, step, sample, width, height, rtol, sampleEvery, acc, width - 1, v);
  }
  return acc;
}

/** Pixels [from, to) of a row whose four neighbours all exist: the hot loop, no border tests. */
function interiorRow(d: Float32Array, step: Float32Array, sample: Uint32Array, width: number, from: number, to: number, rtol: number, sampleEvery: number, acc: PassTotals): void {
  let { taken, nextSample, sum, sumSq, m, valid, edges, speckles } = acc;
  for (let i = from; i < to; i++) {
    const z = d[i];
    if (!(z > 0 && z < Infinity)) {
      step[i] = PIXEL_INVALID;
      continue;
    }
    valid++;
    const zl = d[i - 1], zr = d[i + 1], zu = d[i - width], zd = d[i + width];
    const a = zl > 0 ? Math.abs(z - zl) : MISSING, b = zr > 0 ? Math.abs(z - zr) : MISSING;
    const c = zu > 0 ? Math.abs(z - zu) : MISSING, e = zd > 0 ? Math.abs(z - zd) : MISSING;
    const t = rtol * z;
    if ((a > t && a < MISSING) || (b > t && b < MISSING) || (c > t && c < MISSING) || (e > t && e < MISSING)) {
      step[i] = PIXEL_EDGE;
      edges++;
      continue;
    }
    // mean step per axis (an invalid side borrows the other side's step), then the smaller axis
    // without a data-dependent branch (those mispredict)
    const h = (a < MISSING ? a : b) + (b < MISSING ? b : a), w = (c < MISSING ? c : e) + (e < MISSING ? e : c);
    const s = (h + w - Math.abs(h - w)) / (4 * z);
    if (s * z >= MISSING / 2) {
      step[i] = Infinity; // speckle: no valid neighbour along either axis
      speckles++;
      continue;
    }
    step[i] = s;
    sum += s;
    sumSq += s * s;
    m++;
    if (i >= nextSample) {
      sample[taken++] = i;
      nextSample = i + sampleEvery;
    }
  }
  Object.assign(acc, { taken, nextSample, sum, sumSq, m, valid, edges, speckles });
}

/** The same test for one pixel anywhere, border included (missing neighbours are MISSING). */
function classifyPixel(d: Float32Array, step: Float32Array, sample: Uint32Array, width: number, height: number, rtol: number, sampleEvery: number, acc: PassTotals, u: number, v: number): void {
  const i = v * width + u;
  const z = d[i];
  if (!(z > 0 && z < Infinity)) {
    step[i] = PIXEL_INVALID;
    return;
  }
  acc.valid++;
  const nb = (ok: boolean, j: number) => {
    const x = ok ? d[j] : 0;
    return x > 0 ? Math.abs(z - x) : MISSING;
  };
  const a = nb(u > 0, i - 1), b = nb(u < width - 1, i + 1), c = nb(v > 0, i - width), e = nb(v < height - 1, i + width);
  const t = rtol * z;
  if ([a, b, c, e].some((x) => x > t && x < MISSING)) {
    step[i] = PIXEL_EDGE;
    acc.edges++;
    return;
  }
  const h = (a < MISSING ? a : b) + (b < MISSING ? b : a), w = (c < MISSING ? c : e) + (e < MISSING ? e : c);
  const s = Math.min(h, w) / (2 * z);
  if (s * z >= MISSING / 2) {
    step[i] = Infinity;
    acc.speckles++;
    return;
  }
  step[i] = s;
  acc.sum += s;
  acc.sumSq += s * s;
  acc.m++;
  if (i >= acc.nextSample) {
    sample[acc.taken++] = i;
    acc.nextSample = i + sampleEvery;
  }
}

/** keep mask (1 = kept) from a classification. */
export function keepMask(c: GridClassification, mem: Memory = freshMemory): Uint8Array {
  const keep = mem.u8('keep', c.step.length);
  for (let i = 0; i < keep.length; i++) {
    const s = c.step[i];
    keep[i] = s >= 0 && s <= c.limit ? 1 : 0;
  }
  return keep;
}

/** 1 where a valid pixel is a depth edge (for tests and tools). */
export function depthEdgeMask(depth: Float32Array, width: number, height: number, rtol = 0.04): Uint8Array {
  const c = classifyDepthGrid(depth, width, height, { rtol, outlierK: 0 }, undefined, new Workspace());
  const edge = new Uint8Array(depth.length);
  for (let i = 0; i < edge.length; i++) edge[i] = c.step[i] === PIXEL_EDGE ? 1 : 0;
  return edge;
}
