// Messages between the page and the lifting worker. Each request carries what its verb needs (the
// worker keeps no scene); large arrays travel as transferables.
import type { BackendPreference, InspectedModel, PageLiftRequest } from '../app/ports';
import type { SceneExport } from '../app/lift/exportScene';
import type { HeldLift, ReliftSettings, ReliftSource } from '../app/lift/liftPhoto';
import type { CocoImported } from '../app/objects/importCoco';
import type { RGBAImage } from '../domain/image/resample';
import type { CheckedLift } from '../domain/lifting/job';
import type { ManifestEntry } from '../domain/models/manifest';
import type { Annotation2D } from '../domain/objects/types';
import type { GenerateOptions, GenerateReport } from '../domain/qa/generate/generate';
import type { QAItem } from '../domain/qa/types';
import type { LiftedScene, LiftedView } from '../domain/scene/liftedView';
import type { SceneFile, SceneObject } from '../domain/scene/scene';

export type { BackendPreference, CocoImported, InspectedModel };

export interface FileBytes {
  name: string;
  bytes: ArrayBuffer;
}

export type LiftRequest = PageLiftRequest & {
  type: 'lift';
  id: number;
};

/** Lift the held photo again from its kept depth estimate, with new settings (no model runs). */
export interface ReliftRequest extends ReliftSettings {
  type: 'relift';
  id: number;
  held: ReliftSource;
  pointBudget: number;
}

/** The lift's scene and full cloud: what the exports and question generation read. */
export type SceneCloud = Pick<CheckedLift, 'scene' | 'cloud'>;

export interface ExportRequest {
  type: 'export';
  id: number;
  what: SceneExport;
  lift: SceneCloud;
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

/** Lift 2D annotations to 3D boxes in a lifted view; `keep` holds objects whose boxes must stay. */
export interface LiftObjectsRequest {
  type: 'lift-objects';
  id: number;
  view: LiftedView;
  annotations: Annotation2D[];
  keep: SceneObject[];
}

/** Run the COCO detector on a lifted photo's working image. */
export interface DetectRequest {
  type: 'detect';
  id: number;
  image: RGBAImage;
  stored: { width: number; height: number };
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

/** Generate QA items from a lifted scene with the page's objects (edits included). */
export interface GenerateQARequest {
  type: 'generate-qa';
  id: number;
  lift: SceneCloud;
  objects: SceneObject[];
  options: GenerateOptions;
}

/** A zip of QA items: JSONL, SPAR-7M layout, marked photos (drawn from the photo's bytes). */
export interface ExportQARequest {
  type: 'export-qa';
  id: number;
  scene: SceneFile;
  items: QAItem[];
  photo: FileBytes;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = LiftRequest | ReliftRequest | ExportRequest | InspectModelRequest | LiftObjectsRequest | DetectRequest | ImportCocoRequest | GenerateQARequest | ExportQARequest | CancelRequest;

export type WorkerResponse =
  | { type: 'progress'; id: number; stage: string; fraction: number }
  | { type: 'lifted'; id: number; scene: LiftedScene; held: HeldLift }
  | { type: 'exported'; id: number; bytes: ArrayBuffer; name: string; mime: string }
  | { type: 'inspected'; id: number; result: InspectedModel }
  | { type: 'objects'; id: number; objects: SceneObject[]; ms: number }
  | { type: 'coco'; id: number; result: CocoImported }
  | { type: 'detections'; id: number; annotations: Annotation2D[]; ms: number; backend: string }
  | { type: 'qa'; id: number; items: QAItem[]; report: GenerateReport }
  | { type: 'error'; id: number; message: string; code: string; user: boolean };
