// One image through the whole lifting stage: intrinsics, depth (dataset or models), calibration,
// filtering, gravity. Runtimes are injected (onnxruntime-web in the worker, onnxruntime-node in
// the CLI), so this file is the single description of what a lift does, wherever it runs.
import { dict } from '../dict';
import { UserError, isUserError } from '../errors';
import { type Camera, type Intrinsics, DEFAULT_HFOV_DEG, intrinsicsFromHfov, intrinsicsProblems, scaleIntrinsics } from '../geometry/camera';
import type { MetricDepthMap } from '../formats/depthPng';
import { type ExifCamera, focalFromExif } from '../formats/exif';
import { parseIntrinsicsJson } from '../formats/intrinsicsJson';
import type { RGBAImage } from '../image/resample';
import { type FamilyAdapter, type ModelResult, adapterFor } from '../models/families';
import type { ManifestEntry } from '../models/manifest';
import type { ModelSignature, TensorData } from '../models/tensor';
import type { Memory } from '../geometry/workspace';
import type { DepthEstimate, MetricReference } from './depthEstimate';
import { type DepthScale, formatScale } from './depthScale';
import { measureLift } from './measures';
import { type LiftOptions, type LiftResult, type ProgressFn, liftImage } from './pipeline';
import { type PlausibilityReport, type SceneKindChoice, assessPlausibility } from './plausibility';

export interface ModelRunner {
  /** Inputs and outputs as the runtime reports them. */
  signature(entry: ManifestEntry): Promise<ModelSignature>;
  run(entry: ManifestEntry, feeds: Record<string, TensorData>): Promise<Record<string, TensorData>>;
  /** Which backend ran the last model ("webgpu", "wasm", "cpu"). */
  backend?(): string;
}

/** The models chosen for a lift, by role. */
export interface ModelChoice {
  /** Relative depth / disparity, or a point-map model (MoGe). */
  relative?: ManifestEntry;
  /** Metric depth (Depth Anything V2 metric, Metric3D v2). */
  metric?: ManifestEntry;
  /** Camera / field-of-view model. */
  camera?: ManifestEntry;
}

export interface LiftJobInput {
  id: string;
  image: RGBAImage;
  imageFile: string;
  /** Size of the image as stored (after EXIF orientation), before any working downscale. */
  storedSize: { width: number; height: number };
  sha256?: string;
  exif?: ExifCamera | null;
  /** Width before EXIF orientation (the focal-plane resolution refers to it). */
  rawWidth?: number;
  intrinsicsJson?: { text: string; name: string };
  /** Reviewer-set intrinsics at the stored resolution: they win over every other source. */
  manualCamera?: Intrinsics;
  /**
   * Intrinsics the user asked to use for the next photos too, with the size of the image they were
   * set on: used when this photo brings no intrinsics file of its own.
   */
  carriedCamera?: CarriedCamera;
  depthMap?: { map: MetricDepthMap; name: string; scale: DepthScale };
  /** The kind of scene the plausibility check compares the lift with ('auto' or absent: inferred). */
  sceneKind?: SceneKindChoice;
  models: ModelChoice;
  options?: LiftOptions;
  provenance?: Record<string, unknown>;
}

export interface CameraChoice extends Camera {
  detail?: string;
}

export interface CarriedCamera {
  K: Intrinsics;
  width: number;
  height: number;
}

/** A lift and its plausibility check: every lift is checked, so the two travel together. */
export interface CheckedLift extends LiftResult {
  plausibility: PlausibilityReport;
}

export interface LiftJobResult {
  lift: CheckedLift;
  /** What the depth stage produced, kept so that a camera or filter edit re-lifts without models. */
  estimate: DepthEstimate;
  camera: CameraChoice;
  notes: string[];
  modelsMs: Record<string, number>;
  backend?: string;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Intrinsics known before any model runs: manual, then an intrinsics file, then carried over from earlier photos, then EXIF. */
export function cameraBeforeModels(input: LiftJobInput, notes: string[]): CameraChoice | null {
  const { width, height } = input.image;
  const sx = width / input.storedSize.width, sy = height / input.storedSize.height;
  const toWorking = (K: Intrinsics) => (sx === 1 && sy === 1 ? K : scaleIntrinsics(K, sx, sy));
  if (input.manualCamera) {
    const problems = intrinsicsProblems(input.manualCamera, input.storedSize.width, input.storedSize.height);
    if (problems.length) throw new UserError(`The intrinsics entered make no sense: ${problems.join('; ')}.`, 'intrinsics-values');
    return { ...toWorking(input.manualCamera), source: 'manual', detail: 'set by hand' };
  }
  if (input.intrinsicsJson) {
    const r = parseIntrinsicsJson(input.intrinsicsJson.text, input.storedSize.width, input.storedSize.height, input.imageFile, input.intrinsicsJson.name);
    if (r.note) notes.push(`intrinsics ${r.note}`);
    return { ...toWorking(r.K), source: 'dataset', detail: `${input.intrinsicsJson.name} (${r.layout})${r.note ? `, ${r.note}` : ''}` };
  }
  if (input.carriedCamera) {
    const c = input.carriedCamera;
    const sw = input.storedSize.width, sh = input.storedSize.height;
    const kx = sw / c.width, ky = sh / c.height;
    // the same camera at another resolution keeps its field of view; another aspect is another camera
    if (Math.abs(kx - ky) <= 0.01 * Math.max(kx, ky)) {
      const K = kx === 1 && ky === 1 ? c.K : scaleIntrinsics(c.K, kx, ky);
      const problems = intrinsicsProblems(K, sw, sh);
      if (!problems.length)
        return { ...toWorking(K), source: 'manual', detail: `carried over from earlier photos, as you asked${kx !== 1 || ky !== 1 ? ` (rescaled from ${c.width}×${c.height})` : ''}` };
      notes.push(`intrinsics carried over from earlier photos not used: ${problems.join('; ')}`);
    } else notes.push(`intrinsics carried over from earlier photos not used: they are for a ${c.width}×${c.height} image, this one is ${sw}×${sh}`);
  }
  if (input.exif) {
    const f = focalFromExif(input.exif, input.storedSize.width, input.storedSize.height, input.rawWidth ?? input.storedSize.width);
    if (f) {
      const K = { fx: f.f, fy: f.f, cx: (input.storedSize.width - 1) / 2, cy: (input.storedSize.height - 1) / 2 };
      const problems = intrinsicsProblems(K, input.storedSize.width, input.storedSize.height);
      if (!problems.length) return { ...toWorking(K), source: 'exif', detail: f.how };
      notes.push(`EXIF focal ignored: ${problems.join('; ')}`);
    }
  }
  return null;
}

const defaultCamera = (width: number, height: number): CameraChoice => ({
  ...intrinsicsFromHfov(width, height, DEFAULT_HFOV_DEG),
  source: 'default-fov',
  detail: `default ${DEFAULT_HFOV_DEG}° horizontal field of view`,
});

/** Nearest-neighbour downscale of a dataset depth map: averaging would invent depths at edges. */
function depthToWorking(map: MetricDepthMap, width: number, height: number): Float32Array {
  if (map.width === width && map.height === height) return map.data;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(map.height - 1, Math.floor(((y + 0.5) * map.height) / height));
    for (let x = 0; x < width; x++) out[y * width + x] = map.data[sy * map.width + Math.min(map.width - 1, Math.floor(((x + 0.5) * map.width) / width))];
  }
  return out;
}

export async function runLiftJob(input: LiftJobInput, runner: ModelRunner | null, onProgress: ProgressFn = () => {}, mem?: Memory): Promise<LiftJobResult> {
  const { width, height } = input.image;
  const notes: string[] = [];
  const modelsMs = dict<number>();
  if (width !== input.storedSize.width) notes.push(`lifted at ${width}×${height}, downscaled from ${input.storedSize.width}×${input.storedSize.height}`);

  let camera = cameraBeforeModels(input, notes);
  let estimate: DepthEstimate;

  const runModel = async (entry: ManifestEntry, role: string, adapter: FamilyAdapter, cam?: CameraChoice): Promise<ModelResult> => {
    if (!runner) throw new Error('no model runtime');
    onProgress(`model:${role}`, 0.1);
    const sig = await runner.signature(entry);
    const mismatch = adapter.check(sig);
    if (mismatch) throw new UserError(`Model "${entry.name ?? entry.id}": ${mismatch}`, 'model-mismatch');
    const ctx = { camera: cam, focalKnown: !!cam && cam.source !== 'default-fov' };
    const prep = adapter.prepare(input.image, sig, entry, ctx);
    const t0 = now();
    let outputs: Record<string, TensorData>;
    try {
      outputs = await runner.run(entry, prep.feeds);
    } catch (e) {
      if (isUserError(e)) throw e;
      throw new UserError(`Model "${entry.name ?? entry.id}" failed to run: ${(e as Error).message}`, 'model-run');
    }
    modelsMs[entry.id] = now() - t0;
    try {
      return adapter.interpret(outputs, prep, sig, input.image, entry, ctx);
    } catch (e) {
      throw new UserError(`Model "${entry.name ?? entry.id}" (${adapter.label}) gave unexpected output: ${(e as Error).message}. It expects ${adapter.expects}.`, 'model-output');
    }
  };

  if (input.depthMap) {
    const { map, name, scale } = input.depthMap;
    const sw = input.storedSize.width, sh = input.storedSize.height;
    if (map.width * sh !== map.height * sw)
      throw new UserError(`The depth map ${name} is ${map.width}×${map.height} but the photo is ${sw}×${sh}: they must show the same view at the same size.`, 'depth-size');
    if (map.width !== sw) notes.push(`depth map ${map.width}×${map.height} resampled to the photo`);
    estimate = { kind: 'metric', depth: depthToWorking(map, width, height), source: `dataset:${name} (${formatScale(scale.unitsPerMetre)} per metre)` };
    camera ??= defaultCamera(width, height);
  } else {
    const { relative, metric, camera: camModel } = input.models;
    if (!relative && !metric)
      throw new UserError('No depth model is installed, and the photo came without a depth map.', 'no-depth-model');
    if (!camera && camModel) {
      const r = await runModel(camModel, 'camera', adapterFor(camModel.family));
      if (r.kind === 'fov' && r.hfovDeg > 1 && r.hfovDeg < 179)
        camera = { ...intrinsicsFromHfov(width, height, r.hfovDeg), source: 'model', detail: `${camModel.name ?? camModel.id}: ${r.hfovDeg.toFixed(1)}° horizontal` };
      else notes.push(`camera model ${camModel.id} gave no usable field of view`);
    }
    let rel: ModelResult | null = null;
    if (relative) {
      rel = await runModel(relative, 'relative', adapterFor(relative.family), camera ?? undefined);
      if (rel.kind === 'pointmap' && !camera) {
        const K = { fx: rel.focalPx, fy: rel.focalPx, cx: (width - 1) / 2, cy: (height - 1) / 2 };
        if (!intrinsicsProblems(K, width, height).length) camera = { ...K, source: 'model', detail: `${relative.name ?? relative.id}: ${rel.note}` };
      }
    }
    camera ??= defaultCamera(width, height);
    const met = metric ? await runModel(metric, 'metric', adapterFor(metric.family), camera) : null;
    const metricRef: MetricReference | undefined =
      met && met.kind === 'depth'
        ? { depth: met.map, source: `model:${metric!.id}`, mask: met.mask, ...(metric!.family === 'metric3d-v2' ? { focal: camera.fx } : {}) }
        : undefined;
    const relSource = relative ? `model:${relative.id}` : '';
    if (rel?.kind === 'pointmap') {
      estimate = rel.metric && !metricRef
        ? { kind: 'metric', depth: rel.depth, source: relSource, mask: rel.mask }
        : { kind: 'relative-depth', depth: rel.depth, source: relSource, mask: rel.mask, metric: metricRef };
    } else if (rel?.kind === 'disparity') {
      estimate = { kind: 'relative-disparity', disparity: rel.map, source: relSource, metric: metricRef };
    } else if (rel?.kind === 'depth') {
      estimate = rel.metric && !metricRef ? { kind: 'metric', depth: rel.map, source: relSource } : { kind: 'relative-depth', depth: rel.map, source: relSource, metric: metricRef };
    } else if (metricRef) {
      estimate = { kind: 'metric', depth: metricRef.depth, source: metricRef.source, mask: metricRef.mask, focal: metricRef.focal };
    } else throw new UserError('The chosen models produced no depth.', 'no-depth');
  }

  const lift = relift(input, estimate, camera, onProgress, mem);
  lift.scene.lift = { ...lift.scene.lift, notes, modelsMs, ...(runner?.backend ? { backend: runner.backend() } : {}) };
  return { lift, estimate, camera, notes, modelsMs, backend: runner?.backend?.() };
}

/**
 * Lifts again from a kept depth estimate: after a camera, calibration or gravity edit, no model
 * runs. Every lift ends with its plausibility check, recorded in the scene.
 */
export function relift(input: LiftJobInput, estimate: DepthEstimate, camera: CameraChoice, onProgress: ProgressFn = () => {}, mem?: Memory): CheckedLift {
  const { width, height } = input.image;
  estimate = refocus(estimate, camera.fx);
  const lift = liftImage(
    {
      id: input.id,
      image: { file: input.imageFile, width, height, ...(input.sha256 ? { sha256: input.sha256 } : {}) },
      rgba: input.image.data,
      camera,
      depth: estimate,
      options: input.options,
      provenance: input.provenance,
    },
    onProgress,
    mem,
  );
  // The scene file describes the image as stored (annotations refer to its pixels); a downscaled
  // working grid is an internal matter, recorded for provenance.
  const { width: sw, height: sh } = input.storedSize;
  if (sw !== width || sh !== height) {
    const K = scaleIntrinsics(camera, sw / width, sh / height);
    lift.scene.image = { ...lift.scene.image, width: sw, height: sh };
    lift.scene.camera = { ...lift.scene.camera, ...K };
    lift.scene.lift = { ...lift.scene.lift, workingSize: [width, height] };
  }
  const plausibility = assessPlausibility({
    measures: measureLift(lift),
    kind: input.sceneKind,
    depthMap: input.depthMap ? { unitsPerMetre: input.depthMap.scale.unitsPerMetre, raw: input.depthMap.map.raw } : undefined,
    assumedCameraHeight: typeof lift.scene.lift?.assumedCameraHeight === 'number' ? lift.scene.lift.assumedCameraHeight : undefined,
  });
  lift.scene.lift = {
    ...lift.scene.lift,
    ...(input.depthMap ? { depthScale: input.depthMap.scale } : {}),
    sceneKind: { kind: plausibility.kind, source: plausibility.kindSource },
    warnings: plausibility.warnings.map((w) => w.message),
  };
  return { ...lift, plausibility };
}

/**
 * Metric3D predicts depth for a canonical camera and scales it by the focal length it was given;
 * when the reviewer changes the focal, its depth follows without running the model again.
 */
export function refocus(estimate: DepthEstimate, fx: number): DepthEstimate {
  const scaled = (d: Float32Array, f: number) => {
    const k = fx / f;
    const out = new Float32Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = d[i] * k;
    return out;
  };
  if (estimate.kind === 'metric' && estimate.focal && estimate.focal !== fx) return { ...estimate, depth: scaled(estimate.depth, estimate.focal), focal: fx };
  if (estimate.kind !== 'metric' && estimate.metric?.focal && estimate.metric.focal !== fx)
    return { ...estimate, metric: { ...estimate.metric, depth: scaled(estimate.metric.depth, estimate.metric.focal), focal: fx } } as DepthEstimate;
  return estimate;
}
