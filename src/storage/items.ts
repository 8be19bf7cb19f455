// QA items in the project's queue. Generating again for a scene replaces the items generated
// for it before; items from elsewhere (imports, other scenes) are left alone.
import { UserError } from '../domain/errors';
import type { QAItem } from '../domain/qa/types';
import { type StoredItem, db } from './db';
import { isQuotaError } from './quota';

/** Replaces the scene's generated items with `items`, queued after everything already stored. */
export async function replaceGenerated(scene: string, items: QAItem[]): Promise<void> {
  try {
    await db().transaction('rw', db().items, async () => {
      const old = await db().items.where('scene').equals(scene).filter((r) => r.item.spatial_lens.generator?.name === 'spatial-lens').primaryKeys();
      await db().items.bulkDelete(old);
      const last = await db().items.orderBy('seq').last();
      const start = (last?.seq ?? 0) + 1;
      await db().items.bulkPut(items.map((item, k): StoredItem => ({ id: item.id, scene, task: item.task, seq: start + k, item })));
    });
  } catch (e) {
    if (isQuotaError(e)) throw new UserError(`Not enough browser storage to keep ${items.length} questions for ${scene}; the questions stored before are intact.`, 'quota');
    throw e;
  }
}

export async function itemsOfScene(scene: string): Promise<QAItem[]> {
  const rows = await db().items.where('scene').equals(scene).sortBy('seq');
  return rows.map((r) => r.item);
}

export const countItems = () => db().items.count();
