// Lifting a photo, the one path the page's worker and the command line share: decode (through the
// runtime's decoder), read the EXIF and depth map, run the lifting job, and keep what an edit needs
// to lift it again without models. Nothing here holds a "current scene": the caller keeps the
// result and hands it back with each edit.
import { decodeDepthPng } from '../../domain/formats/depthPng';
import { orientedSize, readExif } from '../../domain/formats/exif';
import { sha256Hex } from '../../domain/formats/hash';
import { type Intrinsics, intrinsicsFromHfov } from '../../domain/geometry/camera';
import type { Memory } from '../../domain/geometry/workspace';
import type { RGBAImage } from '../../domain/image/resample';
import type { DepthScale } from '../../domain/lifting/depthScale';
import { type CameraChoice, type CarriedCamera, type LiftJobInput, type LiftJobResult, type ModelChoice, type ModelRunner, cameraBeforeModels, relift, runLiftJob } from '../../domain/lifting/job';
import type { LiftOptions, ProgressFn } from '../../domain/lifting/pipeline';
import type { SceneKindChoice } from '../../domain/lifting/plausibility';
import { stopwatch } from '../../domain/lifting/stopwatch';

export interface PhotoBytes {
  name: string;
  bytes: Uint8Array;
}

/** One photo to lift: its files and the settings it is lifted with. */
export interface LiftPhotoRequest {
  image: PhotoBytes;
  depth?: PhotoBytes & { scale: DepthScale };
  intrinsics?: { name: string; text: string };
  models: ModelChoice;
  options?: LiftOptions;
  /** Intrinsics set by hand at the stored resolution: they win over every other source. */
  manualCamera?: Intrinsics;
  /** A horizontal field of view (degrees) to set the camera by hand from, at the stored size (when no manualCamera is given). */
  fovDeg?: number;
  /** Intrinsics the user asked to carry over to the next photos (used when the photo brings none). */
  carriedCamera?: CarriedCamera;
  sceneKind?: SceneKindChoice;
  /** The scene's id; by default the file name without its extension. */
  sceneId?: string;
}

/** The settings an edit changes before the photo is lifted again from its kept depth. */
export interface ReliftSettings {
  options: LiftOptions;
  manualCamera?: Intrinsics | null;
  sceneKind?: SceneKindChoice;
}

/** A runtime's photo decoder: EXIF orientation applied, resized to the working grid. */
export type DecodePhoto = (bytes: Uint8Array, name: string) => Promise<{ image: RGBAImage; stored: { width: number; height: number }; type: string }>;

export interface LiftDeps {
  decode: DecodePhoto;
  /** Runs depth and camera models; null when the photo comes with its depth map. */
  runner: ModelRunner | null;
  onProgress?: ProgressFn;
  /** Throws to stop the lift (called between stages and with every progress report). */
  checkCancel?: () => void;
  mem?: Memory;
}

/**
 * What a lift leaves for the edits after it: its inputs (the working image, the depth map), its
 * result (depth estimate, full cloud, camera) and the camera the sources gave before any manual
 * edit (what "use the automatic camera" returns to).
 */
export interface HeldLift {
  input: LiftJobInput;
  job: LiftJobResult;
  autoCamera: CameraChoice;
}

/** What lifting again needs of a held lift: everything but the last result (its cloud is replaced). */
export type ReliftSource = Omit<HeldLift, 'job'> & { job: Omit<LiftJobResult, 'lift'> };

/** A held lift without its result, for sending to a relift (half the bytes to copy). */
export const reliftSource = ({ input, job: { lift: _, ...job }, autoCamera }: HeldLift): ReliftSource => ({ input, job, autoCamera });

export async function liftPhoto(req: LiftPhotoRequest, deps: LiftDeps): Promise<{ held: HeldLift; timings: Record<string, number> }> {
  const check = deps.checkCancel ?? (() => {});
  const progress = deps.onProgress ?? (() => {});
  const { lap, timings } = stopwatch();
  progress('decode', 0);
  const bytes = req.image.bytes;
  const photo = await deps.decode(bytes, req.image.name);
  const [exif, sha256] = await Promise.all([readExif(bytes), sha256Hex(bytes)]);
  lap('decode');
  check();
  const depthMap = req.depth ? { map: decodeDepthPng(req.depth.bytes, req.depth.scale.unitsPerMetre, req.depth.name), name: req.depth.name, scale: req.depth.scale } : undefined;
  if (depthMap) lap('depthDecode');
  const input: LiftJobInput = {
    id: req.sceneId ?? req.image.name.replace(/\.[^.]+$/, ''),
    image: photo.image,
    imageFile: req.image.name,
    storedSize: photo.stored,
    sha256,
    exif,
    // the focal-plane resolution refers to the sensor's width, before the orientation turns the photo
    rawWidth: orientedSize(photo.stored, exif?.orientation).width,
    intrinsicsJson: req.intrinsics,
    manualCamera: req.manualCamera ?? (req.fovDeg ? intrinsicsFromHfov(photo.stored.width, photo.stored.height, req.fovDeg) : undefined),
    carriedCamera: req.carriedCamera,
    depthMap,
    sceneKind: req.sceneKind,
    models: depthMap ? {} : req.models,
    options: req.options,
    provenance: { imageType: photo.type, ...(exif?.orientation && exif.orientation !== 1 ? { exifOrientation: exif.orientation } : {}) },
  };
  const job = await runLiftJob(
    input,
    depthMap ? null : deps.runner,
    (stage, f) => {
      check();
      progress(stage, f);
    },
    deps.mem,
  );
  lap('lift');
  check();
  // a manual camera belongs to this lift, not to the inputs an edit starts from
  return { held: { input: { ...input, manualCamera: undefined }, job, autoCamera: job.camera }, timings };
}

/** Lifts the held photo again from its kept depth estimate with new settings: no model runs. */
export function reliftPhoto(held: ReliftSource, s: ReliftSettings, onProgress?: ProgressFn, mem?: Memory): HeldLift {
  const input: LiftJobInput = { ...held.input, options: s.options, manualCamera: s.manualCamera ?? undefined, sceneKind: s.sceneKind };
  const camera = s.manualCamera ? cameraBeforeModels(input, [])! : held.autoCamera;
  const lift = relift(input, held.job.estimate, camera, onProgress, mem);
  const job = held.job;
  lift.scene.lift = { ...lift.scene.lift, notes: job.notes, modelsMs: job.modelsMs, ...(job.backend ? { backend: job.backend } : {}) };
  return { input, job: { ...job, lift, camera }, autoCamera: held.autoCamera };
}
