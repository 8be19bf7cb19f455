import type { Intrinsics } from './camera';
import type { Mat3, Vec3 } from './linalg';
import { type Memory, freshMemory } from './workspace';

export interface OrganizedCloud {
  /** Camera-frame xyz of each kept pixel, packed. */
  xyz: Float32Array;
  /** Linear pixel index (row-major) of each kept point. */
  pixel: Uint32Array;
  count: number;
}

/**
 * SPEC eq. 3, P_cam = d(u,v) · K⁻¹ [u v 1]ᵀ, for every pixel whose `keep` is set (by default every
 * pixel with finite positive depth), packed with the pixel each point came from.
 */
export function unproject(depth: Float32Array, width: number, height: number, K: Intrinsics, keep?: Uint8Array, mem: Memory = freshMemory): OrganizedCloud {
  const n = width * height;
  let count = 0;
  if (keep) for (let i = 0; i < n; i++) count += keep[i];
  else for (let i = 0; i < n; i++) if (depth[i] > 0 && depth[i] < Infinity) count++;
  const xyz = mem.f32('cloud-xyz', count * 3);
  const pixel = mem.u32('cloud-pixel', count);
  const xn = new Float32Array(width);
  for (let u = 0; u < width; u++) xn[u] = (u - K.cx) / K.fx;
  const ify = 1 / K.fy;
  let k = 0;
  for (let v = 0; v < height; v++) {
    const yn = (v - K.cy) * ify;
    for (let u = 0, i = v * width; u < width; u++, i++) {
      const d = depth[i];
      if (keep ? !keep[i] : !(d > 0 && d < Infinity)) continue;
      xyz[k * 3] = xn[u] * d;
      xyz[k * 3 + 1] = yn * d;
      xyz[k * 3 + 2] = d;
      pixel[k++] = i;
    }
  }
  return { xyz, pixel, count };
}

/** Camera-frame points (packed xyz) of the listed pixels. */
export function unprojectPixels(depth: Float32Array, pixels: Uint32Array, width: number, K: Intrinsics): Float32Array {
  const xyz = new Float32Array(pixels.length * 3);
  for (let j = 0; j < pixels.length; j++) {
    const i = pixels[j], u = i % width, v = (i - u) / width, z = depth[i];
    xyz[j * 3] = ((u - K.cx) / K.fx) * z;
    xyz[j * 3 + 1] = ((v - K.cy) / K.fy) * z;
    xyz[j * 3 + 2] = z;
  }
  return xyz;
}

/** One pixel's camera-frame point (u, v in pixel-centre coordinates). */
export function unprojectPixel(u: number, v: number, d: number, K: Intrinsics): [number, number, number] {
  return [((u - K.cx) / K.fx) * d, ((v - K.cy) / K.fy) * d, d];
}

/** Pixel coordinates of a camera-frame point, or null behind the camera. */
export function projectPoint(p: [number, number, number], K: Intrinsics): [number, number] | null {
  if (!(p[2] > 0)) return null;
  return [K.fx * (p[0] / p[2]) + K.cx, K.fy * (p[1] / p[2]) + K.cy];
}

export interface WorldCloud extends OrganizedCloud {
  /** 1 for each pixel whose point was kept. */
  keep: Uint8Array;
}

/**
 * SPEC eq. 3 and 4 in one pass: P_world = R · (s·d(u,v) · K⁻¹ [u v 1]ᵀ) + T for every pixel whose
 * classification `step` is ≥ 0 and ≤ `limit` (see classifyDepthGrid). `s` rescales depth (1
 * unless the scale was fixed afterwards). `capacity` bounds the number of kept points.
 */
export function unprojectToWorld(
  depth: Float32Array,
  width: number,
  height: number,
  K: Intrinsics,
  step: Float32Array,
  limit: number,
  capacity: number,
  R: Mat3,
  T: Vec3,
  s = 1,
  mem: Memory = freshMemory,
): WorldCloud {
  const xyz = mem.f32('cloud-xyz', capacity * 3);
  const pixel = mem.u32('cloud-pixel', capacity);
  const keep = mem.u8('keep', width * height);
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = R;
  const [t0, t1, t2] = T;
  const xn = new Float32Array(width);
  for (let u = 0; u < width; u++) xn[u] = (u - K.cx) / K.fx;
  let k = 0;
  for (let v = 0; v < height; v++) {
    const yn = (v - K.cy) / K.fy;
    for (let u = 0, i = v * width; u < width; u++, i++) {
      const c = step[i];
      const ok = c >= 0 && c <= limit;
      keep[i] = ok ? 1 : 0;
      if (!ok) continue;
      const z = depth[i] * s, x = xn[u] * z, y = yn * z;
      const o = k * 3;
      xyz[o] = r0 * x + r1 * y + r2 * z + t0;
      xyz[o + 1] = r3 * x + r4 * y + r5 * z + t1;
      xyz[o + 2] = r6 * x + r7 * y + r8 * z + t2;
      pixel[k++] = i;
    }
  }
  return { xyz: xyz.subarray(0, k * 3), pixel: pixel.subarray(0, k), keep, count: k };
}

/** RGB of each point from the image it was lifted from (packed, 3 bytes a point). */
export function gatherColours(pixel: Uint32Array, rgba: Uint8Array | Uint8ClampedArray, out: Uint8Array = new Uint8Array(pixel.length * 3)): Uint8Array {
  for (let k = 0; k < pixel.length; k++) {
    const i = pixel[k] * 4, o = k * 3;
    out[o] = rgba[i];
    out[o + 1] = rgba[i + 1];
    out[o + 2] = rgba[i + 2];
  }
  return out;
}
