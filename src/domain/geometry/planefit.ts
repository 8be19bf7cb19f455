import { type Vec3, cross, dot, normalize, symmetricEigen3 } from './linalg';
import { mulberry32 } from './random';
import { quantileInPlace } from './stats';

/** Plane n·p + d = 0 with |n| = 1. */
export interface Plane {
  normal: Vec3;
  d: number;
}

export interface PlaneFit {
  plane: Plane;
  /** Points within the inlier threshold of the refined plane (estimated from a regular subset). */
  inliers: number;
  inlierRatio: number;
  /** Root-mean-square distance of the inliers to the plane, metres. */
  rms: number;
  threshold: number;
}

export interface SupportPlaneOptions {
  /** Expected up direction in the cloud's frame (camera frame: −y, the image's up). */
  up?: Vec3;
  /** Largest angle between the plane normal and `up`, degrees. */
  maxTiltDeg?: number;
  /** Inlier distance in metres; default scales with the median depth. */
  threshold?: number;
  iterations?: number;
  /** Points scored per hypothesis. */
  sampleSize?: number;
  /** Refinement passes over the whole cloud. */
  refinePasses?: number;
  seed?: number;
  /** Smallest share of the sampled points a plane must hold to count as a support. */
  minInlierRatio?: number;
}

/**
 * Dominant support plane (floor, ground, table) by RANSAC with a prior: only planes whose normal
 * lies within maxTilt of `up` and that have the camera (the origin) above them compete. The best
 * hypothesis is refined by total least squares (smallest eigenvector of the inliers' covariance)
 * over the whole cloud. Returns null when no plane qualifies.
 */
export function fitSupportPlane(xyz: Float32Array, count: number, options: SupportPlaneOptions = {}): PlaneFit | null {
  const up = normalize(options.up ?? [0, -1, 0]);
  const cosMax = Math.cos(((options.maxTiltDeg ?? 50) * Math.PI) / 180);
  const iterations = options.iterations ?? 250;
  const refinePasses = options.refinePasses ?? 2;
  const rand = mulberry32(options.seed ?? 1);
  if (count < 3) return null;

  // Scoring sample: a deterministic random subset keeps hypotheses cheap on megapixel clouds.
  const m = Math.min(count, options.sampleSize ?? 4096);
  const sample = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) {
    const src = m === count ? i : Math.floor(rand() * count);
    sample[i * 3] = xyz[src * 3];
    sample[i * 3 + 1] = xyz[src * 3 + 1];
    sample[i * 3 + 2] = xyz[src * 3 + 2];
  }
  let threshold = options.threshold;
  if (threshold === undefined) {
    const dist = new Float32Array(m);
    for (let i = 0; i < m; i++) dist[i] = Math.hypot(sample[i * 3], sample[i * 3 + 1], sample[i * 3 + 2]);
    threshold = Math.max(0.01, 0.012 * quantileInPlace(dist, 0.5));
  }

  let best: Plane | null = null;
  let bestScore = 0;
  // Pre-scoring on the first PRE sample points rejects most random hypotheses at an eighth of the
  // cost; only promising ones are scored on the whole sample.
  const PRE = Math.min(m, 512);
  let bestPre = 0;
  for (let it = 0; it < iterations; it++) {
    const a = Math.floor(rand() * m), b = Math.floor(rand() * m), c = Math.floor(rand() * m);
    if (a === b || b === c || a === c) continue;
    const h = hypothesis(sample, a, b, c, up, cosMax);
    if (!h) continue;
    const pre = countInliers(sample, 0, PRE, h, threshold);
    if (pre < 0.8 * bestPre) continue;
    const score = pre + countInliers(sample, PRE, m, h, threshold);
    if (pre > bestPre) bestPre = pre;
    if (score > bestScore) {
      bestScore = score;
      best = h;
    }
  }
  if (!best || bestScore < (options.minInlierRatio ?? 0.05) * m) return null;

  // Refinement and statistics use at most ~65k evenly strided points: the plane's parameters are
  // settled long before that and a megapixel cloud would otherwise cost several full passes.
  const stride = Math.max(1, Math.floor(count / 65536));
  let plane = best;
  let inliers = 0, used = 0;
  let rms = 0;
  for (let pass = 0; pass < refinePasses; pass++) {
    const refined = refinePlane(xyz, count, stride, plane, threshold);
    if (!refined) break;
    let n = refined.normal;
    if (dot(n, up) < 0) n = [-n[0], -n[1], -n[2]];
    plane = { normal: n, d: -dot(n, refined.centroid) };
  }
  // Final statistics against the refined plane.
  const [nx, ny, nz] = plane.normal;
  let sq = 0;
  for (let i = 0; i < count * 3; i += 3 * stride) {
    used++;
    const r = nx * xyz[i] + ny * xyz[i + 1] + nz * xyz[i + 2] + plane.d;
    if (r < threshold && r > -threshold) {
      inliers++;
      sq += r * r;
    }
  }
  rms = inliers ? Math.sqrt(sq / inliers) : NaN;
  const ratio = inliers / used;
  return { plane, inliers: Math.round(ratio * count), inlierRatio: ratio, rms, threshold };
}

/** Plane through three sample points, oriented along `up`, if it may be a support under the camera. */
function hypothesis(sample: Float32Array, a: number, b: number, c: number, up: Vec3, cosMax: number): Plane | null {
  const pa: Vec3 = [sample[a * 3], sample[a * 3 + 1], sample[a * 3 + 2]];
  let n = cross(
    [sample[b * 3] - pa[0], sample[b * 3 + 1] - pa[1], sample[b * 3 + 2] - pa[2]],
    [sample[c * 3] - pa[0], sample[c * 3 + 1] - pa[1], sample[c * 3 + 2] - pa[2]],
  );
  const len = Math.hypot(n[0], n[1], n[2]);
  if (!(len > 1e-12)) return null;
  n = [n[0] / len, n[1] / len, n[2] / len];
  if (dot(n, up) < 0) n = [-n[0], -n[1], -n[2]];
  if (dot(n, up) < cosMax) return null;
  const d = -dot(n, pa);
  return d > 0 ? { normal: n, d } : null; // the camera must be above the support
}

function countInliers(xyz: Float32Array, from: number, to: number, plane: Plane, threshold: number): number {
  const [nx, ny, nz] = plane.normal;
  const d = plane.d;
  let score = 0;
  for (let i = from * 3, e = to * 3; i < e; i += 3) {
    const r = nx * xyz[i] + ny * xyz[i + 1] + nz * xyz[i + 2] + d;
    score += r < threshold && r > -threshold ? 1 : 0;
  }
  return score;
}

/** Total-least-squares plane through the points within `threshold` of `plane`. */
function refinePlane(xyz: Float32Array, count: number, stride: number, plane: Plane, threshold: number): { normal: Vec3; centroid: Vec3 } | null {
  const [nx, ny, nz] = plane.normal;
  let n = 0, sx = 0, sy = 0, sz = 0;
  let sxx = 0, sxy = 0, sxz = 0, syy = 0, syz = 0, szz = 0;
  for (let i = 0; i < count * 3; i += 3 * stride) {
    const x = xyz[i], y = xyz[i + 1], z = xyz[i + 2];
    const r = nx * x + ny * y + nz * z + plane.d;
    if (!(r < threshold && r > -threshold)) continue;
    n++;
    sx += x; sy += y; sz += z;
    sxx += x * x; sxy += x * y; sxz += x * z;
    syy += y * y; syz += y * z; szz += z * z;
  }
  if (n < 3) return null;
  const cx = sx / n, cy = sy / n, cz = sz / n;
  const cov = [
    sxx / n - cx * cx, sxy / n - cx * cy, sxz / n - cx * cz,
    sxy / n - cx * cy, syy / n - cy * cy, syz / n - cy * cz,
    sxz / n - cx * cz, syz / n - cy * cz, szz / n - cz * cz,
  ];
  const { vectors } = symmetricEigen3(cov);
  return { normal: vectors[0], centroid: [cx, cy, cz] };
}
