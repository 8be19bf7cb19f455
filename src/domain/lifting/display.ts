// What the viewer shows of a lifted cloud: colours by mode, the ground-grid extent and the
// mapping between the stored photo's pixels and the working grid.
import { colourByScalar } from '../geometry/colormap';
import type { Mat3, Vec3 } from '../geometry/linalg';
import { quantile } from '../geometry/stats';

export type ColourMode = 'rgb' | 'height' | 'depth';

/** Per-point colours: the photo's, or turbo over height (world z) or depth along the optical axis. */
export function displayColours(mode: ColourMode, xyz: Float32Array, rgb: Uint8Array, count: number, R: Mat3, T: Vec3): Uint8Array {
  if (mode === 'rgb') return rgb;
  const values = new Float32Array(count);
  // optical axis in the world: the third column of R
  const fx = R[2], fy = R[5], fz = R[8];
  for (let i = 0; i < count; i++) {
    const x = xyz[i * 3], y = xyz[i * 3 + 1], z = xyz[i * 3 + 2];
    values[i] = mode === 'height' ? z : (x - T[0]) * fx + (y - T[1]) * fy + (z - T[2]) * fz;
  }
  const stride = Math.max(1, Math.floor(count / 20000));
  const sample: number[] = [];
  for (let i = 0; i < count; i += stride) sample.push(values[i]);
  return colourByScalar(values, quantile(sample, 0.02), quantile(sample, 0.98));
}

/** Metre-aligned square around the cloud's bulk (2nd–98th percentiles), for the ground grid. */
export function gridExtent(xyz: Float32Array, count: number): { centre: [number, number]; size: number } {
  if (count === 0) return { centre: [0, 0], size: 4 };
  const stride = Math.max(1, Math.floor(count / 20000));
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < count; i += stride) {
    xs.push(xyz[i * 3]);
    ys.push(xyz[i * 3 + 1]);
  }
  const x0 = Math.floor(quantile(xs, 0.02)), x1 = Math.ceil(quantile(xs, 0.98));
  const y0 = Math.floor(Math.min(0, quantile(ys, 0.02))), y1 = Math.ceil(quantile(ys, 0.98));
  const size = Math.max(2, x1 - x0, y1 - y0) + 2;
  return { centre: [Math.round((x0 + x1) / 2), Math.round((y0 + y1) / 2)], size: size + (size % 2) };
}

/** Stored-photo pixel (u, v) to the working grid, pixel-centre convention. */
export const storedToWorking = (u: number, v: number, stored: { width: number; height: number }, work: { width: number; height: number }): [number, number] => [
  (u + 0.5) * (work.width / stored.width) - 0.5,
  (v + 0.5) * (work.height / stored.height) - 0.5,
];

/** Working-grid pixel back to the stored photo. */
export const workingToStored = (u: number, v: number, stored: { width: number; height: number }, work: { width: number; height: number }): [number, number] => [
  (u + 0.5) * (stored.width / work.width) - 0.5,
  (v + 0.5) * (stored.height / work.height) - 0.5,
];

/** Pixel (working grid) where a world point appears, or null behind the camera. */
export function worldToPixel(P: Vec3, R: Mat3, T: Vec3, K: { fx: number; fy: number; cx: number; cy: number }): [number, number] | null {
  const d = [P[0] - T[0], P[1] - T[1], P[2] - T[2]];
  // camera = Rᵀ · (P − T)
  const x = R[0] * d[0] + R[3] * d[1] + R[6] * d[2];
  const y = R[1] * d[0] + R[4] * d[1] + R[7] * d[2];
  const z = R[2] * d[0] + R[5] * d[1] + R[8] * d[2];
  if (!(z > 0)) return null;
  return [K.fx * (x / z) + K.cx, K.fy * (y / z) + K.cy];
}

/**
 * A viewpoint for the 3D view: behind and above the real camera, looking at the middle of the
 * cloud, so the scene first appears roughly as the photo showed it, with depth visible.
 */
export function homeView(xyz: Float32Array, count: number, T: Vec3, R: Mat3): { position: Vec3; target: Vec3 } {
  const stride = Math.max(1, Math.floor(count / 20000));
  const xs: number[] = [], ys: number[] = [], zs: number[] = [];
  for (let i = 0; i < count; i += stride) {
    xs.push(xyz[i * 3]);
    ys.push(xyz[i * 3 + 1]);
    zs.push(xyz[i * 3 + 2]);
  }
  const target: Vec3 = count ? [quantile(xs, 0.5), quantile(ys, 0.5), quantile(zs, 0.5)] : [0, 1, 0];
  const dist = Math.hypot(target[0] - T[0], target[1] - T[1], target[2] - T[2]) || 1;
  // optical axis flattened onto the ground
  let fx = R[2], fy = R[5];
  const n = Math.hypot(fx, fy) || 1;
  fx /= n;
  fy /= n;
  return { position: [T[0] - fx * 0.8 * dist, T[1] - fy * 0.8 * dist, T[2] + 0.6 * dist], target };
}

/**
 * Colours with the points of a 2D region tinted: `pixel` gives each displayed point's pixel on the
 * working grid, `mask` is at the stored photo's size.
 */
export function tintByMask(
  colours: Uint8Array,
  pixel: Uint32Array,
  count: number,
  work: { width: number; height: number },
  mask: { width: number; height: number; data: Uint8Array },
  tint: [number, number, number] = [255, 60, 200],
): Uint8Array {
  const out = colours.slice(0, count * 3);
  const sx = mask.width / work.width, sy = mask.height / work.height;
  for (let k = 0; k < count; k++) {
    const p = pixel[k], u = p % work.width, v = (p - u) / work.width;
    const m = mask.data[Math.min(mask.height - 1, Math.floor((v + 0.5) * sy)) * mask.width + Math.min(mask.width - 1, Math.floor((u + 0.5) * sx))];
    if (!m) continue;
    // half the photo's colour, half the tint: the surface stays readable
    out[k * 3] = (out[k * 3] + tint[0]) >> 1;
    out[k * 3 + 1] = (out[k * 3 + 1] + tint[1]) >> 1;
    out[k * 3 + 2] = (out[k * 3 + 2] + tint[2]) >> 1;
  }
  return out;
}
