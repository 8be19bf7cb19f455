import Dexie, { type Table } from 'dexie';
import type { SceneFile, SceneObject } from '../domain/formats/scene';
import type { ManifestEntry } from '../domain/models/manifest';
import type { Annotation2D } from '../domain/objects/types';

/** A model the user added by dropping its .onnx file: kept in the browser, not re-added per visit. */
export interface StoredModel {
  id: string;
  entry: ManifestEntry;
  blob: Blob;
  addedAt: string;
}

/**
 * A photo of the project with what is known about it: its files (to lift it again), imported 2D
 * annotations, and, once lifted, the scene record and its objects (edits included).
 */
export interface StoredScene {
  /** The photo's file name (COCO matches annotations to photos by it). */
  id: string;
  image: Blob;
  depth?: Blob;
  depthUnitsPerMetre?: number;
  intrinsics?: { name: string; text: string };
  annotations?: Annotation2D[];
  scene?: SceneFile;
  objects?: SceneObject[];
  updatedAt: string;
}

/**
 * The app's IndexedDB database. Versions only grow; each states its whole schema and, where data
 * must move, an upgrade function tested from a database filled at the version before.
 *   v1: models the user added.
 *   v2: the project's scenes (photos, annotations, lifted objects).
 */
export class SpatialLensDB extends Dexie {
  models!: Table<StoredModel, string>;
  scenes!: Table<StoredScene, string>;

  constructor(name = 'spatial-lens') {
    super(name);
    this.version(1).stores({ models: 'id, addedAt' });
    this.version(2).stores({ models: 'id, addedAt', scenes: 'id, updatedAt' });
  }
}

let shared: SpatialLensDB | null = null;
export const db = (): SpatialLensDB => (shared ??= new SpatialLensDB());
