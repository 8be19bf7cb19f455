// SPAR-Bench-RGBD's per-image camera columns. Each row carries, index by index with `image`:
// `depth` (a rows × columns grid of numbers per image, not an image struct), `intrinsic_color`
// and `intrinsic_depth` (row-major 4×4 [fx,0,cx,0, 0,fy,cy,0, 0,0,1,0, 0,0,0,1]) and `pose`
// (row-major 4×4 camera-to-world, metres). The depth grids are turned into 16-bit millimetre
// PNGs at import, the project's depth format, so the rest of the app reads them like any
// dropped depth map; the matrices stay in the row as numbers.
import { encode } from 'fast-png';
import type { Intrinsics } from '../../geometry/camera';

export interface DepthGrid {
  width: number;
  height: number;
  /** Metres; 0 where there is no measurement. */
  data: Float32Array;
  /** The unit the grid's numbers were read in (judged from their median). */
  unit: 'm' | 'mm';
}

/** Bigger grids are refused (a 4K depth map is 8.3 MP; a hostile file could claim anything). */
const MAX_GRID_PIXELS = 16_000_000;

/**
 * A per-image depth grid (rows of numbers) in metres. Its unit is not stated anywhere, so it is
 * judged from the median of its valid values: indoor scenes lie within 0.2–20 m, so a median
 * above 100 means millimetres. Null when the value is not a grid of numbers.
 */
export function depthGridOf(v: unknown): DepthGrid | null {
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0])) return null;
  const height = v.length,
    width = (v[0] as unknown[]).length;
  if (width === 0 || width * height > MAX_GRID_PIXELS) return null;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = v[y];
    if (!Array.isArray(row) || row.length !== width) return null;
    for (let x = 0; x < width; x++) {
      const z = row[x];
      const n = typeof z === 'number' ? z : typeof z === 'bigint' ? Number(z) : NaN;
      data[y * width + x] = Number.isFinite(n) && n > 0 ? n : 0;
    }
  }
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(data.length / 20000));
  for (let i = 0; i < data.length; i += step) if (data[i] > 0) sample.push(data[i]);
  sample.sort((a, b) => a - b);
  const median = sample.length ? sample[sample.length >> 1] : 0;
  const unit = median > 100 ? 'mm' : 'm';
  if (unit === 'mm') for (let i = 0; i < data.length; i++) data[i] /= 1000;
  return { width, height, data, unit };
}

/** A depth grid as the project's depth format: a 16-bit grey PNG in millimetres, 0 = no value. */
export function depthPngOf(g: DepthGrid): Uint8Array {
  const mm = new Uint16Array(g.width * g.height);
  for (let i = 0; i < mm.length; i++) mm[i] = Math.min(65535, Math.round(g.data[i] * 1000));
  return encode({ width: g.width, height: g.height, data: mm, depth: 16, channels: 1 });
}

/** 16 finite numbers (a row-major 4×4), or null. Also accepts a nested 4×4 list or a 3×3 K. */
export function matrixOf(v: unknown): number[] | null {
  if (!Array.isArray(v)) return null;
  const flat = v.flat().map((x) => (typeof x === 'bigint' ? Number(x) : x));
  if (!flat.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  if (flat.length === 16) return flat as number[];
  if (flat.length === 9) {
    const m = flat as number[];
    return [m[0], m[1], m[2], 0, m[3], m[4], m[5], 0, m[6], m[7], m[8], 0, 0, 0, 0, 1];
  }
  return null;
}

/** fx, fy, cx, cy from a row-major intrinsic matrix, or null when it is not one. */
export function intrinsicsOf(v: unknown): Intrinsics | null {
  const m = matrixOf(v);
  if (!m) return null;
  const K = { fx: m[0], fy: m[5], cx: m[2], cy: m[6] };
  return K.fx > 0 && K.fy > 0 && Number.isFinite(K.cx) && Number.isFinite(K.cy) ? K : null;
}

/** The k-th entry of a per-image list column (a one-image row may hold the value itself). */
export function perImage(v: unknown, k: number): unknown {
  if (!Array.isArray(v)) return undefined;
  // A single 4×4 (16 numbers) or a single grid is image 0's
  if (v.length === 16 && v.every((x) => typeof x === 'number')) return k === 0 ? v : undefined;
  return v[k];
}

export interface ImageCamera {
  /** Intrinsics of the colour image as stored (pixels). */
  K?: Intrinsics;
  /** Intrinsics of the depth grid (pixels); the colour ones when the row gives none. */
  Kdepth?: Intrinsics;
  /** Row-major 4×4 camera-to-world. */
  pose?: number[];
}

/** What a SPAR-Bench-RGBD item says about the camera of its k-th image. */
export function imageCamera(item: Record<string, unknown>, k: number): ImageCamera {
  const K = intrinsicsOf(perImage(item.intrinsic_color, k)) ?? intrinsicsOf(perImage(item.intrinsic, k)) ?? undefined;
  const Kdepth = intrinsicsOf(perImage(item.intrinsic_depth, k)) ?? K;
  const pose = matrixOf(perImage(item.pose, k)) ?? undefined;
  return { ...(K ? { K } : {}), ...(Kdepth ? { Kdepth } : {}), ...(pose ? { pose } : {}) };
}
