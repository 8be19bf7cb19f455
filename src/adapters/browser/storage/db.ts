import type { ItemRisk } from '../../../domain/review/itemRisk';
import Dexie, { type Table } from 'dexie';
import type { SceneFile, SceneObject } from '../../../domain/scene/scene';
import type { PhotoSettings } from '../../../domain/lifting/photoSettings';
import type { ManifestEntry } from '../../../domain/models/manifest';
import type { Annotation2D } from '../../../domain/objects/types';
import type { QAItem } from '../../../domain/qa/types';
import type { ImportJournal } from '../../../domain/review/importJournal';
import type { ItemFlag, QueueRow, StoredDecision } from '../../../domain/review/types';

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

import { DEFAULT_PROJECT } from '../../../domain/review/project';

export { DEFAULT_PROJECT };

/**
 * The app's IndexedDB database. Versions only grow; each states its whole schema and, where data
 * must move, an upgrade function tested from a database filled at the version before.
 *   v1: models the user added.
 *   v2: the project's scenes (photos, annotations, lifted objects).
 *   v3: QA items (the review queue), by scene, task and queue order.
 *   v4: projects; items gain a project, flags and assignees; imported images; the append-only log of
 *       review decisions (a unique uid per decision, so a retried write cannot duplicate it); saved views.
 *   v5: imported items in packs (see StoredPack), with their queue rows apart.
 *   v6: the import journal (an import's progress, written with each batch; see ImportJournal).
 *   v7: each item's audited risk (its findings and measurement, for the risk-sorted queue).
 */
const V4 = {
  models: 'id, addedAt',
  scenes: 'id, updatedAt',
  items: 'id, scene, task, seq, project, [project+seq], *assignees',
  projects: 'id',
  images: '[project+path], project',
  decisions: '++key, &uid, item, project, [project+key]',
  views: 'id, project',
};

export class SpatialLensDB extends Dexie {
  models!: Table<StoredModel, string>;
  scenes!: Table<StoredScene, string>;
  items!: Table<StoredItem, string>;
  projects!: Table<StoredProject, string>;
  images!: Table<StoredImage, [string, string]>;
  decisions!: Table<StoredDecision, number>;
  views!: Table<StoredView, string>;
  packs!: Table<StoredPack, [string, number]>;
  packRows!: Table<StoredPackRows, [string, number]>;
  imports!: Table<ImportJournal, string>;
  risks!: Table<StoredRisk, [string, string]>;

  constructor(name = 'spatial-lens') {
    // 'strict': Chromium flushes each transaction to disk before reporting it complete, so a decision
    // the page saw committed survives the browser being killed (or the machine losing power)
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ models: 'id, addedAt' });
    this.version(2).stores({ models: 'id, addedAt', scenes: 'id, updatedAt' });
    this.version(3).stores({ models: 'id, addedAt', scenes: 'id, updatedAt', items: 'id, scene, task, seq' });
    this.version(4)
      .stores(V4)
      .upgrade(async (tx) => {
        // Everything stored before projects existed joins the default project.
        await tx.table('items').toCollection().modify((r: StoredItem) => {
          r.project = DEFAULT_PROJECT;
          r.flags ??= [];
        });
        await tx.table('projects').put({ id: DEFAULT_PROJECT, name: 'My project', createdAt: new Date().toISOString() } satisfies StoredProject);
      });
    this.version(5).stores({ ...V4, packs: '[project+pack], project, last', packRows: '[project+pack], project' });
    this.version(6).stores({ ...V4, packs: '[project+pack], project, last', packRows: '[project+pack], project', imports: 'id, project' });
    this.version(7).stores({ ...V4, packs: '[project+pack], project, last', packRows: '[project+pack], project', imports: 'id, project', risks: '[project+id], project' });
  }
}

let shared: SpatialLensDB | null = null;
export const db = (): SpatialLensDB => (shared ??= new SpatialLensDB());
