import Dexie, { type Table } from 'dexie';
import type { ImportJournal } from '../../../domain/review/importJournal';
import type { StoredDecision } from '../../../domain/review/types';
import type { StoredModel, StoredScene, StoredItem, PackedItem, StoredPack, StoredPackRows, StoredProject, StoredImage, StoredView, StoredRisk } from '../../../app/records';

export type { StoredModel, StoredScene, StoredItem, PackedItem, StoredPack, StoredPackRows, StoredProject, StoredImage, StoredView, StoredRisk };

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
