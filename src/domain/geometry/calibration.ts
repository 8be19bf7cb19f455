import { quantileInPlace } from './stats';

/** How the relative depth was given its metric scale (recorded in the scene file). */
export type CalibrationMethod = 'mean-ratio' | 'median-ratio' | 'disparity-affine' | 'camera-height' | 'none';

/** Pixels usable for calibration: both maps finite and positive, and the mask (if any) set. */
export function calibrationSet(a: Float32Array, b: Float32Array, mask?: Uint8Array): Uint8Array {
  const valid = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    valid[i] = x > 0 && x < Infinity && y > 0 && y < Infinity && (!mask || mask[i] !== 0) ? 1 : 0;
  }
  return valid;
}

/** SPEC eq. 1: s = mean_V(d_m) / mean_V(d_r). */
export function meanRatioScale(relative: Float32Array, metric: Float32Array, valid: Uint8Array): number {
  let sm = 0, sr = 0, n = 0;
  for (let i = 0; i < valid.length; i++) {
    if (!valid[i]) continue;
    sm += metric[i];
    sr += relative[i];
    n++;
  }
  if (n === 0 || !(sr > 0)) throw new Error('scale calibration: no valid pixel shared by the two depth maps');
  return sm / sr;
}

/** Robust variant of eq. 1: the median of the per-pixel ratios d_m / d_r over V. */
export function medianRatioScale(relative: Float32Array, metric: Float32Array, valid: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < valid.length; i++) n += valid[i];
  if (n === 0) throw new Error('scale calibration: no valid pixel shared by the two depth maps');
  const ratios = new Float32Array(n);
  for (let i = 0, k = 0; i < valid.length; i++) if (valid[i]) ratios[k++] = metric[i] / relative[i];
  return quantileInPlace(ratios, 0.5);
}

/** SPEC eq. 2: d_sc = s · d_r on valid pixels, 0 elsewhere. */
export function applyScale(relative: Float32Array, s: number, valid?: Uint8Array): Float32Array {
  const out = new Float32Array(relative.length);
  for (let i = 0; i < relative.length; i++) {
    const r = relative[i];
    out[i] = (!valid || valid[i]) && r > 0 && r < Infinity ? s * r : 0;
  }
  return out;
}

export interface AffineFit {
  a: number;
  b: number;
  /** Pixels kept by the last robust pass. */
  inliers: number;
}

/**
 * Affine alignment in disparity space (docs/lifting.md): find a, b with a·disp + b ≈ 1/d_m over V.
 * Least squares, then re-fits on the pixels whose residual is within 3 robust sigmas (MAD), so
 * that a few wrong metric pixels (sky, reflections) do not tilt the fit.
 */
export function fitDisparityAffine(
  disparity: Float32Array,
  metric: Float32Array,
  valid: Uint8Array,
  passes = 3,
): AffineFit {
  let use = Uint8Array.from(valid);
  let fit = { a: 0, b: 0, inliers: 0 };
  for (let pass = 0; pass <= passes; pass++) {
    let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (let i = 0; i < use.length; i++) {
      if (!use[i]) continue;
      const x = disparity[i], y = 1 / metric[i];
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    if (n < 2) throw new Error('disparity alignment: fewer than two valid pixels');
    const den = n * sxx - sx * sx;
    if (!(Math.abs(den) > 1e-20 * n * n)) throw new Error('disparity alignment: the disparity map is constant');
    const a = (n * sxy - sx * sy) / den;
    const b = (sy - a * sx) / n;
    fit = { a, b, inliers: n };
    if (pass === passes) break;
    const residuals = new Float32Array(n);
    for (let i = 0, k = 0; i < use.length; i++) if (use[i]) residuals[k++] = Math.abs(a * disparity[i] + b - 1 / metric[i]);
    const mad = quantileInPlace(residuals, 0.5);
    // The floor keeps float32 rounding of exact data from being mistaken for outliers.
    const limit = Math.max(3 * 1.4826 * mad, 1e-5 * (Math.abs(sy) / n));
    if (!(limit > 0)) break;
    const next = new Uint8Array(use.length);
    let kept = 0;
    for (let i = 0; i < use.length; i++) {
      if (use[i] && Math.abs(a * disparity[i] + b - 1 / metric[i]) <= limit) {
        next[i] = 1;
        kept++;
      }
    }
    if (kept < 2 || kept === n) break;
    use = next;
  }
  return fit;
}

/** Depth from aligned disparity: 1 / (a·disp + b), 0 where that is not positive. */
export function depthFromAlignedDisparity(disparity: Float32Array, a: number, b: number, mask?: Uint8Array): Float32Array {
  const out = new Float32Array(disparity.length);
  for (let i = 0; i < disparity.length; i++) {
    const inv = a * disparity[i] + b;
    out[i] = (!mask || mask[i]) && inv > 1e-6 && Number.isFinite(inv) ? 1 / inv : 0;
  }
  return out;
}
