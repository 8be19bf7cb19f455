// What the application layer needs from the world, as interfaces: the browser fills them with
// workers, IndexedDB, localStorage and BroadcastChannel; tests and the CLI with in-process or
// in-memory equivalents. Nothing under src/app reaches the DOM or a worker except through these.
import type { LiftClient } from '../adapters/browser/liftClient';
import type { ReviewClient } from '../adapters/browser/reviewClient';
import type { LeaseBook } from '../adapters/browser/storage/leases';
import type { SceneFile } from '../domain/scene/scene';
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
}

export interface Ports {
  settings: Settings;
  clock: Clock;
  ids: Ids;
  files: Files;
  // Transitional: the heavy work still goes through the worker clients as they are; the lift and
  // review sides replace these with `Compute` and `Storage` interfaces of their own.
  lift: LiftClient;
  review: ReviewClient;
  leases: LeaseBook;
  saveScene(name: string, patch: Partial<Pick<SceneFile, 'objects'>>): Promise<unknown>;
  /** A stored image of a review project, by path (the depth map a record names). */
  projectImage(project: string, path: string): Promise<{ blob: Blob } | undefined>;
  /** The bytes behind a URL the app made (an object URL of a shown photo). */
  fetchBlob(url: string): Promise<Blob>;
  /** Catalogue model downloads; absent where models cannot be downloaded (tests, the CLI). */
  modelDownloads?: { downloader: ModelDownloader; catalogueText(): Promise<string | null>; buildBase: string; appUrl: string };
}
