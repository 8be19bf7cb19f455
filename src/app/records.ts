// The records the app keeps between visits, as the storage adapters hold them. They are the app's
// own shapes (its ports speak them); an adapter decides how they are stored (IndexedDB here).
import type { SceneFile, SceneObject } from '../domain/scene/scene';
import type { PhotoSettings } from '../domain/lifting/photoSettings';
import type { ManifestEntry } from '../domain/models/manifest';
import type { Annotation2D } from '../domain/objects/types';
import type { QAItem } from '../domain/qa/types';
import type { ItemFlag, QueueRow } from '../domain/review/types';
import type { ItemRisk } from '../domain/review/itemRisk';

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
  /** The depth map's file name, so that a reopened scene names it as before. */
  depthName?: string;
  /** The depth scale of scenes stored before `lifting` existed (then the menu's value, whatever the photo). */
  depthUnitsPerMetre?: number;
  intrinsics?: { name: string; text: string };
  /** The photo's own settings as it was last lifted: its depth scale, intrinsics, gravity and scene kind, with their sources. */
  lifting?: PhotoSettings;
  annotations?: Annotation2D[];
  scene?: SceneFile;
  objects?: SceneObject[];
  updatedAt: string;
}

/** A generated or imported QA item, with the scene it belongs to and its place in the queue. */
export interface StoredItem {
  id: string;
  /** The scene id (spatial_lens.scene). */
  scene: string;
  task: string;
  /** Queue order: items are reviewed in the order they were added. */
  seq: number;
  item: QAItem;
  /** The project the item belongs to (v4; 'default' for items stored before projects existed). */
  project: string;
  flags?: ItemFlag[];
  /** Reviewers the item is assigned to (overlap for agreement); empty: anyone. */
  assignees?: string[];
  /** Imports: the stored image path of each `item.image` entry (null: missing). */
  imagePaths?: (string | null)[];
}

/**
 * Imported items, stored a thousand or so to a record: IndexedDB's cost is per record (about a
 * third of a millisecond each in Chromium), so 100k items one by one would take half a minute.
 * The queue rows of a pack are kept apart (small, read whole at opening); the items are read a
 * pack at a time when shown or exported. Items in packs never change: a fix is a decision.
 */
export interface PackedItem {
  id: string;
  item: QAItem;
  imagePaths?: (string | null)[];
}
export interface StoredPack {
  project: string;
  /** The first seq of the pack (its items' seqs follow on). */
  pack: number;
  last: number;
  items: PackedItem[];
}
export interface StoredPackRows {
  project: string;
  pack: number;
  rows: QueueRow[];
}

/** A group of images, scenes, items and decisions that is reviewed, backed up and exported together. */
export interface StoredProject {
  id: string;
  name: string;
  createdAt: string;
  /** Blind review: answers and correct options stay hidden until the reviewer has answered. */
  blind?: boolean;
}

/** An image an imported item names, by its path as the import gave it. */
export interface StoredImage {
  project: string;
  path: string;
  blob: Blob;
  width?: number;
  height?: number;
  /** SHA-256 of the bytes (not indexed): a later import of the same bytes reuses this copy. */
  sha256?: string;
}

/** An item's audited risk (v7), kept so the queue can sort by it without auditing again. */
export interface StoredRisk extends ItemRisk {
  project: string;
  id: string;
}

/** A saved queue view (filter and sort) of a project. */
export interface StoredView {
  id: string;
  project: string;
  name: string;
  filter: unknown;
  sort: unknown;
}
