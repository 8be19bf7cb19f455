import Dexie, { type Table } from 'dexie';
import type { ManifestEntry } from '../domain/models/manifest';

/** A model the user added by dropping its .onnx file: kept in the browser, not re-added per visit. */
export interface StoredModel {
  id: string;
  entry: ManifestEntry;
  blob: Blob;
  addedAt: string;
}

/**
 * The app's IndexedDB database. Versions only grow; each new version states its whole schema and,
 * where data must move, an upgrade function tested from a database filled at the version before.
 */
export class SpatialLensDB extends Dexie {
  models!: Table<StoredModel, string>;

  constructor(name = 'spatial-lens') {
    super(name);
    this.version(1).stores({ models: 'id, addedAt' });
  }
}

let shared: SpatialLensDB | null = null;
export const db = (): SpatialLensDB => (shared ??= new SpatialLensDB());
