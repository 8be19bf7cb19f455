// The size of a lifted scene in a few numbers (what a wrong depth scale changes) and its
// scale-free shape (what it does not), for the plausibility check.
import { quantileInPlace } from '../geometry/stats';
import type { LiftResult } from './pipeline';

export interface LiftMeasures {
  /**
   * Camera height above the fitted support plane, metres; null when no plane was found, or when
   * the height was assumed to fix the scale (then it says nothing about the scale).
   */
  cameraHeight: number | null;
  /** Median depth of the kept points, metres. */
  medianDepth: number;
  /** How far the scene spreads on the ground: the wider of the 5–95 % spans of the points along the two horizontal axes, metres. */
  extent: number;
  /** Share of the top fifth of the image with a depth: LiDAR and stereo ground truth has none in the sky. */
  topValid: number;
  /** Share of the rest of the image with a depth. */
  restValid: number;
}

/** Points looked at: enough for percentiles to the centimetre, few enough to cost nothing. */
const SAMPLES = 20_000;

export function measureLift(lift: Pick<LiftResult, 'depth' | 'cloud' | 'plane' | 'width' | 'height' | 'scene'>): LiftMeasures {
  const { cloud, depth, width: W, height: H } = lift;
  const stride = Math.max(1, Math.floor(cloud.count / SAMPLES));
  const n = Math.ceil(cloud.count / stride);
  const d = new Float32Array(n), x = new Float32Array(n), y = new Float32Array(n);
  for (let k = 0, i = 0; k < cloud.count && i < n; k += stride, i++) {
    d[i] = depth[cloud.pixel[k]];
    x[i] = cloud.xyz[k * 3];
    y[i] = cloud.xyz[k * 3 + 1];
  }
  const span = (a: Float32Array) => {
    const hi = quantileInPlace(a, 0.95);
    return hi - quantileInPlace(a, 0.05);
  };
  const topRows = Math.max(1, Math.floor(H / 5));
  let top = 0, rest = 0;
  for (let i = 0; i < W * H; i++) if (depth[i] > 0) i < topRows * W ? top++ : rest++;
  const assumed = lift.scene.depth.calibration === 'camera-height';
  return {
    cameraHeight: lift.plane && !assumed ? lift.plane.plane.d : null,
    medianDepth: n ? quantileInPlace(d, 0.5) : 0,
    extent: n ? Math.max(span(x), span(y)) : 0,
    topValid: top / (topRows * W),
    restValid: H > topRows ? rest / ((H - topRows) * W) : 0,
  };
}
