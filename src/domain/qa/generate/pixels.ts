// Pixel-level questions (HiSpatial L0) need the surface seen at a pixel: the lifted cloud is
// projected back into the photo, keeping the nearest point per cell. Pixels are drawn only where
// the surface is smooth around them, so the answer does not hinge on which side of an edge the
// pixel falls.
import type { Vec3 } from '../../geometry/linalg';
import type { QAContext } from './context';

interface Surface {
  /** Cell size in pixels of the stored image. */
  s: number;
  cols: number;
  rows: number;
  z: Float32Array;
  /** Point index per cell, −1 where none. */
  idx: Int32Array;
  filled: Int32Array;
}

/** Cells about this many across: fine enough for pixel questions, cheap to build. */
const CELLS_ACROSS = 320;
/** Neighbouring cells must agree in depth within this share for a pixel to be used. */
const SMOOTH = 0.04;

const cache = new WeakMap<QAContext, Surface>();

export function camPoint(ctx: QAContext, i: number): Vec3 {
  const P = ctx.points!;
  const dx = P[i * 3] - ctx.T[0], dy = P[i * 3 + 1] - ctx.T[1], dz = P[i * 3 + 2] - ctx.T[2];
  const R = ctx.R;
  return [R[0] * dx + R[3] * dy + R[6] * dz, R[1] * dx + R[4] * dy + R[7] * dz, R[2] * dx + R[5] * dy + R[8] * dz];
}

function surface(ctx: QAContext): Surface | null {
  if (!ctx.points?.length) return null;
  let s = cache.get(ctx);
  if (s) return s;
  const step = Math.max(1, Math.round(ctx.width / CELLS_ACROSS));
  const cols = Math.ceil(ctx.width / step), rows = Math.ceil(ctx.height / step);
  const z = new Float32Array(cols * rows).fill(Infinity);
  const idx = new Int32Array(cols * rows).fill(-1);
  const n = ctx.points.length / 3;
  const { fx, fy, cx, cy } = ctx.K;
  for (let i = 0; i < n; i++) {
    const [x, y, d] = camPoint(ctx, i);
    if (!(d > 0.01)) continue;
    const c = Math.floor(((fx * x) / d + cx + 0.5) / step), r = Math.floor(((fy * y) / d + cy + 0.5) / step);
    if (c < 0 || r < 0 || c >= cols || r >= rows) continue;
    const k = r * cols + c;
    if (d < z[k]) {
      z[k] = d;
      idx[k] = i;
    }
  }
  const filled: number[] = [];
  for (let k = 0; k < idx.length; k++) if (idx[k] >= 0) filled.push(k);
  s = { s: step, cols, rows, z, idx, filled: Int32Array.from(filled) };
  cache.set(ctx, s);
  return s;
}

function smoothAround(s: Surface, k: number): boolean {
  const c = k % s.cols, r = (k - c) / s.cols, z0 = s.z[k];
  for (let dr = -1; dr <= 1; dr++)
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr, cc = c + dc;
      if (rr < 0 || cc < 0 || rr >= s.rows || cc >= s.cols) return false;
      const z = s.z[rr * s.cols + cc];
      if (!(Math.abs(z - z0) <= SMOOTH * z0)) return false;
    }
  return true;
}

export interface PixelPoint {
  /** Integer pixel (column, row) of the stored image. */
  pixel: [number, number];
  /** The surface point seen there, camera frame. */
  cam: Vec3;
}

const pixelOf = (ctx: QAContext, p: Vec3): [number, number] => [Math.round((ctx.K.fx * p[0]) / p[2] + ctx.K.cx), Math.round((ctx.K.fy * p[1]) / p[2] + ctx.K.cy)];

/** A random pixel on a smooth surface, with its point; null when the cloud offers none. */
export function drawPixel(ctx: QAContext, rand: () => number): PixelPoint | null {
  const s = surface(ctx);
  if (!s || !s.filled.length) return null;
  for (let t = 0; t < 40; t++) {
    const k = s.filled[Math.floor(rand() * s.filled.length)];
    if (!smoothAround(s, k)) continue;
    const cam = camPoint(ctx, s.idx[k]);
    const pixel = pixelOf(ctx, cam);
    if (pixel[0] < 0 || pixel[1] < 0 || pixel[0] >= ctx.width || pixel[1] >= ctx.height) continue;
    return { pixel, cam };
  }
  return null;
}

/** The surface point seen at a pixel (for recomputing a stored item), or null. */
export function pointAt(ctx: QAContext, pixel: [number, number]): Vec3 | null {
  const s = surface(ctx);
  if (!s) return null;
  const c = Math.floor((pixel[0] + 0.5) / s.s), r = Math.floor((pixel[1] + 0.5) / s.s);
  if (c < 0 || r < 0 || c >= s.cols || r >= s.rows) return null;
  const i = s.idx[r * s.cols + c];
  return i >= 0 ? camPoint(ctx, i) : null;
}
