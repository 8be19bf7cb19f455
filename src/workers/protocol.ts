// Messages between the page and the lifting worker. Large arrays travel as transferables.
import type { LiftOptions } from '../domain/lifting/pipeline';
import type { ManifestEntry, ModelFamily } from '../domain/models/manifest';
import type { ModelSignature } from '../domain/models/tensor';
import type { Intrinsics } from '../domain/geometry/camera';
import type { SceneFile, SceneObject } from '../domain/scene/scene';
import type { Annotation2D, ImportProblem } from '../domain/objects/types';
import type { LiftStats } from '../domain/lifting/pipeline';
import type { DepthScale } from '../domain/lifting/depthScale';
import type { CarriedCamera } from '../domain/lifting/job';
import type { PlausibilityReport, SceneKindChoice } from '../domain/lifting/plausibility';
import type { Mat3, Vec3 } from '../domain/geometry/linalg';
import type { BevRaster } from '../domain/geometry/bev';
import type { GenerateOptions, GenerateReport } from '../domain/qa/generate/generate';
import type { QAItem } from '../domain/qa/types';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

export interface FileBytes {
  name: string;
  bytes: ArrayBuffer;
}

export interface LiftRequest {
  type: 'lift';
  id: number;
  image: FileBytes;
  depth?: FileBytes & { scale: DepthScale };
  intrinsics?: { name: string; text: string };
  models: { relative?: ManifestEntry; metric?: ManifestEntry; camera?: ManifestEntry };
  backend: BackendPreference;
  options: LiftOptions;
  manualCamera?: Intrinsics;
  /** Intrinsics the user asked to carry over to the next photos (used when the photo brings none). */
  carriedCamera?: CarriedCamera;
  sceneKind?: SceneKindChoice;
  pointBudget: number;
}

/** Lift the last image again from its kept depth estimate, with new settings (no model runs). */
export interface ReliftRequest {
  type: 'relift';
  id: number;
  options: LiftOptions;
  manualCamera?: Intrinsics | null;
  sceneKind?: SceneKindChoice;
  pointBudget: number;
}

export interface ExportRequest {
  type: 'export';
  id: number;
  what: 'ply' | 'scene' | 'coco' | 'glb';
  /** The scene's objects as the page holds them (edits included). */
  objects?: SceneObject[];
}

export interface InspectModelRequest {
  type: 'inspect-model';
  id: number;
  name: string;
  bytes: ArrayBuffer;
  backend: BackendPreference;
}

/** Lift 2D annotations of the current scene to 3D boxes; `keep` holds objects whose boxes must stay. */
export interface LiftObjectsRequest {
  type: 'lift-objects';
  id: number;
  annotations: Annotation2D[];
  keep: SceneObject[];
}

/** Run the COCO detector on the current photo. */
export interface DetectRequest {
  type: 'detect';
  id: number;
  entry: ManifestEntry;
  threshold: number;
  backend: BackendPreference;
}

/** Parse and validate a COCO instances file for the given photos (off the page: files can be large). */
export interface ImportCocoRequest {
  type: 'import-coco';
  id: number;
  name: string;
  bytes: ArrayBuffer;
  images: { name: string; width: number; height: number }[];
}

export interface CocoImported {
  byImage: [string, Annotation2D[]][];
  problems: ImportProblem[];
  total: number;
}

/** Generate QA items from the current scene with the page's objects (edits included). */
export interface GenerateQARequest {
  type: 'generate-qa';
  id: number;
  objects: SceneObject[];
  options: GenerateOptions;
}

/** A zip of QA items: JSONL, SPAR-7M layout, marked photos (drawn from the photo's bytes). */
export interface ExportQARequest {
  type: 'export-qa';
  id: number;
  items: QAItem[];
  photo: FileBytes;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = LiftRequest | ReliftRequest | ExportRequest | InspectModelRequest | LiftObjectsRequest | DetectRequest | ImportCocoRequest | GenerateQARequest | ExportQARequest | CancelRequest;

export type Bev = Omit<BevRaster, 'zMin' | 'zMax'>;

/** What the page needs to show a lifted scene. */
export interface LiftPayload {
  scene: SceneFile;
  /** Working grid (may be a downscale of the stored image). */
  width: number;
  height: number;
  /** Intrinsics on the working grid. */
  camera: Intrinsics;
  R: Mat3;
  T: Vec3;
  /** At most pointBudget points for display: world xyz, rgb and source pixel. */
  display: { xyz: Float32Array; rgb: Uint8Array; pixel: Uint32Array; count: number };
  totalPoints: number;
  /** Calibrated depth and the kept mask on the working grid, for hovering and measuring. */
  depth: Float32Array;
  keep: Uint8Array;
  bev: Bev;
  stats: LiftStats;
  /** The sanity check of this lift against the size of scenes of its kind. */
  plausibility: PlausibilityReport;
  /** The depth map's scale and where it came from; null when the depth came from a model. */
  depthScale: DepthScale | null;
  notes: string[];
  backend?: string;
  modelsMs: Record<string, number>;
  /** Milliseconds spent per stage in the worker, decode to points. */
  timings: Record<string, number>;
}

export interface InspectedModel {
  signature: ModelSignature;
  guess: ModelFamily | null;
  sha256: string;
  bytes: number;
}

export type WorkerResponse =
  | { type: 'progress'; id: number; stage: string; fraction: number }
  | { type: 'lifted'; id: number; payload: LiftPayload }
  | { type: 'exported'; id: number; bytes: ArrayBuffer; name: string; mime: string }
  | { type: 'inspected'; id: number; result: InspectedModel }
  | { type: 'objects'; id: number; objects: SceneObject[]; ms: number }
  | { type: 'coco'; id: number; result: CocoImported }
  | { type: 'detections'; id: number; annotations: Annotation2D[]; ms: number; backend: string }
  | { type: 'qa'; id: number; items: QAItem[]; report: GenerateReport }
  | { type: 'error'; id: number; message: string; code: string; user: boolean };
