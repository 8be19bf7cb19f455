import { UserError } from '../errors';
import {
  type CalibrationMethod,
  applyScale,
  calibrationSet,
  depthFromAlignedDisparity,
  fitDisparityAffine,
  meanRatioScale,
  medianRatioScale,
} from '../geometry/calibration';
import type { Camera } from '../geometry/camera';
import { type Attitude, type GravityFrame, frameFromAttitude, gravityFromPlane } from '../geometry/gravity';
import { mat3MulVec, mat3Transpose, rigidToMat4, transformPointsInPlace } from '../geometry/linalg';
import { classifyDepthGrid } from '../geometry/organized';
import { type PlaneFit, fitSupportPlane } from '../geometry/planefit';
import { quantileInPlace } from '../geometry/stats';
import { gatherColours, unprojectPixel, unprojectPixels, unprojectToWorld } from '../geometry/unproject';
import { type Memory, freshMemory } from '../geometry/workspace';
import type { Intrinsics } from '../geometry/camera';
import { type GravitySource, SCENE_SCHEMA, type SceneFile } from '../scene/scene';
import type { DepthEstimate } from './depthEstimate';
import { stopwatch } from './stopwatch';

export const LIFT_VERSION = '0.1.0';

export type CalibrationChoice = 'auto' | 'mean-ratio' | 'median-ratio' | 'disparity-affine';

export interface GravityOverride {
  roll?: number;
  pitch?: number;
  cameraHeight?: number;
}

export interface LiftOptions {
  calibration?: CalibrationChoice;
  /** Relative-discontinuity threshold for depth edges and flying pixels. */
  edgeRtol?: number;
  /** Statistical outlier threshold in standard deviations; 0 turns the filter off. */
  outlierK?: number;
  /** Camera height assumed to fix the scale when no metric depth exists, metres. */
  assumedCameraHeight?: number;
  gravity?: GravityOverride;
  seed?: number;
}

export interface LiftInput {
  id: string;
  image: { file: string; width: number; height: number; sha256?: string };
  /** RGBA of the working-resolution image (EXIF orientation already applied). */
  rgba: Uint8Array | Uint8ClampedArray;
  camera: Camera & { detail?: string };
  depth: DepthEstimate;
  options?: LiftOptions;
  /** Extra fields to record under the scene's `lift`. */
  provenance?: Record<string, unknown>;
}

export interface LiftedCloud {
  /** World-frame xyz (z up), packed. */
  xyz: Float32Array;
  rgb: Uint8Array;
  /** Row-major pixel of each point in the working image. */
  pixel: Uint32Array;
  count: number;
}

export interface LiftResult {
  scene: SceneFile;
  cloud: LiftedCloud;
  /** Calibrated metric depth per pixel (never modified after the lift). */
  depth: Float32Array;
  /** 1 for pixels whose point survived the filters: hover and measuring read depth there. */
  keep: Uint8Array;
  width: number;
  height: number;
  frame: GravityFrame;
  gravitySource: GravitySource;
  /** Support plane in the camera frame, when one was found. */
  plane: PlaneFit | null;
  stats: LiftStats;
}

export interface LiftStats {
  pixels: number;
  validDepth: number;
  edgePixels: number;
  outliers: number;
  points: number;
  timingsMs: Record<string, number>;
}

export type ProgressFn = (stage: string, fraction: number) => void;


/** Calibrated metric depth and how it was obtained (docs/lifting.md). */
export function calibrateDepth(
  est: DepthEstimate,
  choice: CalibrationChoice = 'auto',
): { depth: Float32Array; method: CalibrationMethod; scale: number | null; affine?: { a: number; b: number }; mask?: Uint8Array; unscaled: boolean } {
  if (est.kind === 'metric') return { depth: est.depth, method: 'none', scale: null, mask: est.mask, unscaled: false };
  if (est.kind === 'relative-depth') {
    if (!est.metric) return { depth: est.depth, method: 'none', scale: null, mask: est.mask, unscaled: true };
    const V = calibrationSet(est.depth, est.metric.depth, combine(est.mask, est.metric.mask));
    const method: CalibrationMethod = choice === 'median-ratio' ? 'median-ratio' : 'mean-ratio';
    const s = method === 'median-ratio' ? medianRatioScale(est.depth, est.metric.depth, V) : meanRatioScale(est.depth, est.metric.depth, V);
    return { depth: applyScale(est.depth, s, est.mask), method, scale: s, mask: est.mask, unscaled: false };
  }
  // Disparity: never invert directly; align in disparity space to the metric map when one exists.
  if (est.metric) {
    const V = calibrationSet(est.disparity, est.metric.depth, combine(est.mask, est.metric.mask));
    const fit = fitDisparityAffine(est.disparity, est.metric.depth, V);
    return { depth: depthFromAlignedDisparity(est.disparity, fit.a, fit.b, est.mask), method: 'disparity-affine', scale: null, affine: { a: fit.a, b: fit.b }, mask: est.mask, unscaled: false };
  }
  // No metric reference: treat disparity as inverse depth with zero shift, normalised so the median
  // depth is 1; the scale then comes from the assumed camera height.
  const n = est.disparity.length;
  const positive = new Float32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (est.disparity[i] > 0 && (!est.mask || est.mask[i])) positive[m++] = est.disparity[i];
  if (m === 0) throw new UserError('The depth model returned no positive disparity: nothing can be lifted.', 'depth-empty-map');
  const med = quantileInPlace(positive.subarray(0, m), 0.5);
  const depth = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const d = est.disparity[i];
    depth[i] = d > 0 && (!est.mask || est.mask[i]) ? med / d : 0;
  }
  return { depth, method: 'none', scale: null, mask: est.mask, unscaled: true };
}

function combine(a?: Uint8Array, b?: Uint8Array): Uint8Array | undefined {
  if (!a) return b;
  if (!b) return a;
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] && b[i] ? 1 : 0;
  return out;
}

/**
 * Image → metric, gravity-aligned point cloud and scene record (docs/lifting.md, docs/formats.md, scene).
 * With a Workspace as `mem`, the result's arrays are views into it, valid until the next lift
 * that uses the same workspace; that reuse is what keeps a megapixel within the time budget.
 */
export function liftImage(input: LiftInput, onProgress: ProgressFn = () => {}, mem: Memory = freshMemory): LiftResult {
  const { width: W, height: H } = input.image;
  const opts = input.options ?? {};
  const { lap, timings: t } = stopwatch();

  onProgress('calibrate', 0);
  const cal = calibrateDepth(input.depth, opts.calibration);
  let depth = cal.depth;
  if (depth.length !== W * H) throw new Error(`depth has ${depth.length} values for a ${W}×${H} image`);
  lap('calibrate');

  onProgress('filter', 0.2);
  const cls = classifyDepthGrid(depth, W, H, { rtol: opts.edgeRtol, outlierK: opts.outlierK }, cal.mask, mem);
  const { valid: validDepth, edges: edgePixels } = cls;
  lap('filter');
  if (cls.sample.length === 0)
    throw new UserError(
      `No valid 3D point remains: of ${W * H} pixels, ${validDepth} had a usable depth and ${edgePixels} of those were depth edges.`,
      'lift-no-points',
    );

  onProgress('plane-fit', 0.5);
  const sample = unprojectPixels(depth, cls.sample, W, input.camera);
  const plane = fitSupportPlane(sample, cls.sample.length, { seed: opts.seed ?? 1 });
  lap('planeFit');

  // Scale from the assumed camera height when no metric depth exists (and a floor was found).
  let scale = cal.scale;
  let method: CalibrationMethod = cal.method;
  let planeForFrame = plane;
  let s = 1;
  if (cal.unscaled && plane) {
    const h = opts.assumedCameraHeight ?? 1.5;
    s = h / plane.plane.d;
    // a scaled copy: the estimate passed in may be lifted again (new intrinsics, new filters)
    const scaled = new Float32Array(depth.length);
    for (let i = 0; i < depth.length; i++) scaled[i] = depth[i] * s;
    depth = scaled;
    scale = s;
    method = 'camera-height';
    planeForFrame = { ...plane, plane: { normal: plane.plane.normal, d: h }, rms: plane.rms * s, threshold: plane.threshold * s };
    s = 1; // already applied to the copy
  }
  const { frame, source: gravitySource } = chooseFrame(planeForFrame, opts.gravity);

  onProgress('unproject', 0.7);
  const { keep, ...world } = unprojectToWorld(depth, W, H, input.camera, cls.step, cls.limit, cls.candidates, frame.R, frame.T, s, mem);
  lap('unproject');
  const outliers = cls.candidates - world.count;
  // Colour is presentation, not geometry: a stage of its own.
  const cloud: LiftedCloud = { ...world, rgb: gatherColours(world.pixel, input.rgba, mem.u8('cloud-rgb', world.count * 3)) };
  lap('colour');

  const scene: SceneFile = {
    schema: SCENE_SCHEMA,
    id: input.id,
    image: input.image,
    camera: {
      fx: input.camera.fx,
      fy: input.camera.fy,
      cx: input.camera.cx,
      cy: input.camera.cy,
      source: input.camera.source,
      ...(input.camera.detail ? { detail: input.camera.detail } : {}),
    },
    worldFromCamera: rigidToMat4(frame.R, frame.T),
    gravity: gravityRecord(frame, gravitySource, planeForFrame),
    depth: {
      source: input.depth.source,
      calibration: method,
      scale,
      ...(cal.affine ? { affine: cal.affine } : {}),
      ...(input.depth.kind !== 'metric' && input.depth.metric ? { metricSource: input.depth.metric.source } : {}),
    },
    points: { file: `${input.id}.ply`, count: cloud.count },
    objects: [],
    views: [],
    lift: {
      generator: { name: 'spatial-lens', version: LIFT_VERSION },
      filters: { edgeRtol: opts.edgeRtol ?? 0.04, outlierK: opts.outlierK ?? 3 },
      unscaled: cal.unscaled && !plane,
      ...(cal.unscaled && plane ? { assumedCameraHeight: opts.assumedCameraHeight ?? 1.5 } : {}),
      ...input.provenance,
    },
  };
  onProgress('done', 1);
  return {
    scene,
    cloud,
    depth,
    keep,
    width: W,
    height: H,
    frame,
    gravitySource,
    plane: planeForFrame,
    stats: { pixels: W * H, validDepth, edgePixels, outliers, points: cloud.count, timingsMs: t },
  };
}

/** Gravity frame from the plane fit, with the reviewer's overrides applied on top. */
export function chooseFrame(plane: PlaneFit | null, override?: GravityOverride): { frame: GravityFrame; source: GravitySource } {
  const fitted = plane ? gravityFromPlane(plane.plane) : null;
  const manual = override && (override.roll !== undefined || override.pitch !== undefined || override.cameraHeight !== undefined);
  if (!manual) return fitted ? { frame: fitted, source: 'plane-fit' } : { frame: frameFromAttitude({ roll: 0, pitch: 0 }, 0), source: 'none' };
  const attitude: Attitude = {
    roll: override!.roll ?? fitted?.attitude.roll ?? 0,
    pitch: override!.pitch ?? fitted?.attitude.pitch ?? 0,
  };
  const height = override!.cameraHeight ?? (plane ? plane.plane.d : 0);
  return { frame: frameFromAttitude(attitude, height), source: 'manual' };
}

function gravityRecord(frame: GravityFrame, source: GravitySource, plane: PlaneFit | null): SceneFile['gravity'] {
  // With the plane at z = 0 in the world frame its equation is z = 0; under a manual frame the
  // fitted plane is carried over into the new world frame.
  let supportPlane: [number, number, number, number] | null = null;
  if (plane) {
    const n = mat3MulVec(frame.R, plane.plane.normal);
    // world plane: n_w · (P_w − T) + d = 0  →  n_w·P_w + (d − n_w·T) = 0
    const dW = plane.plane.d - (n[0] * frame.T[0] + n[1] * frame.T[1] + n[2] * frame.T[2]);
    supportPlane = [round(n[0]), round(n[1]), round(n[2]), round(dW)];
  }
  return {
    source,
    supportPlane,
    roll: frame.attitude.roll,
    pitch: frame.attitude.pitch,
    cameraHeight: frame.height,
    ...(plane ? { planeRms: plane.rms, planeInlierRatio: plane.inlierRatio } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e9) / 1e9 + 0;

/**
 * Moves an already lifted cloud to another gravity frame in place (roll/pitch/height edits),
 * without unprojecting again: P' = R'·Rᵀ·(P − T) + T'.
 */
export function reframeCloud(xyz: Float32Array, count: number, from: GravityFrame, to: GravityFrame): void {
  const Rt = mat3Transpose(from.R);
  transformPointsInPlace(xyz, count, [1, 0, 0, 0, 1, 0, 0, 0, 1], [-from.T[0], -from.T[1], -from.T[2]]);
  transformPointsInPlace(xyz, count, Rt, [0, 0, 0]);
  transformPointsInPlace(xyz, count, to.R, to.T);
}

/** World point of a pixel of a lifted image, or null where no point was kept. */
export function pixelToWorld(
  lift: { depth: Float32Array; keep: Uint8Array; width: number; frame: Pick<GravityFrame, 'R' | 'T'> },
  K: Intrinsics,
  u: number,
  v: number,
): [number, number, number] | null {
  const i = Math.round(v) * lift.width + Math.round(u);
  if (!lift.keep[i]) return null;
  const p = unprojectPixel(Math.round(u), Math.round(v), lift.depth[i], K);
  const R = lift.frame.R, T = lift.frame.T;
  return [
    R[0] * p[0] + R[1] * p[1] + R[2] * p[2] + T[0],
    R[3] * p[0] + R[4] * p[1] + R[5] * p[2] + T[1],
    R[6] * p[0] + R[7] * p[1] + R[8] * p[2] + T[2],
  ];
}
