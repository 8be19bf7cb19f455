// What the application layer needs from the world, as interfaces: the browser fills them with
// workers, IndexedDB, localStorage and BroadcastChannel; tests and the CLI with in-process or
// in-memory equivalents. Nothing under src/app reaches the DOM or a worker except through these.
import type { PosedLiftDeps } from './review/liftPosed';
import type { StoredScene } from './records';
import type { LiftOptions } from '../domain/lifting/pipeline';
import type { ManifestEntry, ModelFamily } from '../domain/models/manifest';
import type { ModelSignature } from '../domain/models/tensor';
import type { Annotation2D } from '../domain/objects/types';
import type { GenerateOptions, GenerateReport } from '../domain/qa/generate/generate';
import type { QAItem } from '../domain/qa/types';
import type { LiftedScene, LiftedView } from '../domain/scene/liftedView';
import type { SceneFile, SceneObject } from '../domain/scene/scene';
import type { SavedFile, SceneExport } from './lift/exportScene';
import type { HeldLift, LiftPhotoRequest, ReliftSettings } from './lift/liftPhoto';
import type { CocoImported } from './objects/importCoco';
import type { Detected } from './objects/detect';
import type { PixelAudit } from '../domain/qa/audit/measureItem';
import type { MeasureImage } from './review/measureCurrent';
import type { MarkCorrection } from '../domain/review/markCorrections';
// ---- review side
import type { ReviewPorts } from './review/ports';
import type { ImportReport } from '../domain/review/importReport';
import type { ModelDownloader } from './modelDownloads';

/** Key/value settings that outlive a reload (localStorage in the browser, a Map in tests). */
export interface Settings {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Ids {
  uid(): string;
}

/** Bytes handed to the user as a file (a download in the browser, a file written by the CLI). */
export interface Files {
  save(blob: Blob, name: string): void;
  /** A file the app ships (models/manifest.json, the sample photo), by path relative to the app. */
  asset(path: string): Promise<Asset>;
}

/** A shipped file, or why it could not be had (`ok` false: `status` is the HTTP status). */
export interface Asset {
  ok: boolean;
  status: number;
  blob(): Promise<Blob>;
  text(): Promise<string>;
}

// ---- lift side: the heavy work on photos, and the scenes, items and models kept for them

/** The lifting worker's verbs as functions of explicit inputs: the caller holds the lift and sends what each verb needs. */
export interface Compute {
  lift(req: PageLiftRequest, progress?: Progress): Promise<Lifted>;
  /** Lifts the held photo again with new settings from its kept depth (no model runs). */
  relift(held: HeldLift, settings: ReliftSettings & { pointBudget: number }, progress?: Progress): Promise<Lifted>;
  exportScene(held: HeldLift, what: SceneExport, objects: SceneObject[]): Promise<SavedFile>;
  /** 2D annotations to 3D boxes in the lifted view; `keep` holds objects whose boxes must stay. */
  liftObjects(view: LiftedView, annotations: Annotation2D[], keep: SceneObject[]): Promise<{ objects: SceneObject[]; ms: number }>;
  detect(held: HeldLift, entry: ManifestEntry, threshold: number, backend: BackendPreference): Promise<Detected>;
  importCoco(name: string, bytes: ArrayBuffer, images: { name: string; width: number; height: number }[], progress?: Progress): Promise<CocoImported>;
  generateQA(held: HeldLift, objects: SceneObject[], options: GenerateOptions): Promise<{ items: QAItem[]; report: GenerateReport }>;
  exportQA(scene: SceneFile, items: QAItem[], photo: { name: string; bytes: ArrayBuffer }, progress?: Progress): Promise<SavedFile>;
  inspectModel(name: string, bytes: ArrayBuffer, backend: BackendPreference): Promise<InspectedModel>;
  /** Stops the running lift (inference included). */
  cancel(): void;
}

export type Progress = (stage: string, fraction: number) => void;
export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

/** A lift as the page asks for it: always with its processing options, the backend for models, and a point budget for display. */
export type PageLiftRequest = LiftPhotoRequest & { options: LiftOptions; backend: BackendPreference; pointBudget: number };
/** A lift as the page shows it, and as the app holds it for the edits after it. */
export interface Lifted {
  scene: LiftedScene;
  held: HeldLift;
}

export interface InspectedModel {
  signature: ModelSignature;
  guess: ModelFamily | null;
  sha256: string;
  bytes: number;
}

/** The project's scenes, its generated questions and the models the user added. */
export interface LiftStorage {
  saveScene(id: string, patch: Partial<Omit<StoredScene, 'id' | 'updatedAt'>>): Promise<unknown>;
  loadScene(id: string): Promise<StoredScene | undefined>;
  listScenes(): Promise<StoredScene[]>;
  deleteScene(id: string): Promise<unknown>;
  itemsOfScene(scene: string): Promise<QAItem[]>;
  replaceGenerated(scene: string, items: QAItem[], project: string): Promise<{ kept: number }>;
  listStoredModels(): Promise<ManifestEntry[]>;
  saveModel(entry: ManifestEntry, bytes: Uint8Array): Promise<void>;
  updateStoredEntry(id: string, patch: Partial<ManifestEntry>): Promise<void>;
  deleteModel(id: string): Promise<void>;
}


export interface Ports {
  settings: Settings;
  clock: Clock;
  ids: Ids;
  files: Files;
  // ---- lift side
  compute: Compute;
  storage: LiftStorage;
  /** A stored image of a review project, by path (the depth map a record names). */
  projectImage(project: string, path: string): Promise<{ blob: Blob } | undefined>;
  /** The bytes behind a URL the app made (an object URL of a shown photo). */
  fetchBlob(url: string): Promise<Blob>;
  /** Marks found in an item's photos and its answer measured from their depth (a worker in the browser). */
  /** `corrections`: the reviewer's marks, measured in place of the found ones. */
  measurePixels(item: QAItem, images: MeasureImage[], corrections?: MarkCorrection[]): Promise<PixelAudit>;
  /** An item's posed RGB-D photos and marks in one camera frame (a worker in the browser); absent where not provided. */
  liftPosed?: PosedLiftDeps['liftPosed'];
  // ---- review side: storage, the review jobs, the tab channel, photo URLs, the tabs' leases
  review: ReviewPorts;
  /** The reports of a review project's finished imports, newest first. */
  importReports(project: string): Promise<ImportReport[]>;
  /** Catalogue model downloads; absent where models cannot be downloaded (tests, the CLI). */
  modelDownloads?: { downloader: ModelDownloader; catalogueText(): Promise<string | null>; buildBase: string; appUrl: string };
}
