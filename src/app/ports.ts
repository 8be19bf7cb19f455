// What the application layer needs from the world, as interfaces: the browser fills them with
// workers, IndexedDB, localStorage and BroadcastChannel; tests and the CLI with in-process or
// in-memory equivalents. Nothing under src/app reaches the DOM or a worker except through these.
import type { LiftClient } from '../adapters/browser/liftClient';
import type { SceneFile } from '../domain/scene/scene';
import type { PixelAudit } from '../domain/qa/audit/measureItem';
import type { QAItem } from '../domain/qa/types';
import type { MeasureImage } from '../workers/measureProtocol';
// ---- review side
import type { ReviewPorts } from './review/ports';

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
}


export interface Ports {
  settings: Settings;
  clock: Clock;
  ids: Ids;
  files: Files;
  // Transitional: the heavy work still goes through the worker clients as they are; the lift and
  // review sides replace these with `Compute` and `Storage` interfaces of their own.
  lift: LiftClient;
  saveScene(name: string, patch: Partial<Pick<SceneFile, 'objects'>>): Promise<unknown>;
  /** A stored image of a review project, by path (the depth map a record names). */
  projectImage(project: string, path: string): Promise<{ blob: Blob } | undefined>;
  /** The bytes behind a URL the app made (an object URL of a shown photo). */
  fetchBlob(url: string): Promise<Blob>;
  /** Marks found in an item's photos and its answer measured from their depth (a worker in the browser). */
  measurePixels(item: QAItem, images: MeasureImage[]): Promise<PixelAudit>;
  // ---- review side: storage, the review jobs, the tab channel, photo URLs, the tabs' leases
  review: ReviewPorts;
}
