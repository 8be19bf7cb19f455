// QA items in the project's queue. Generating again for a scene replaces the items generated
// for it before, except those a reviewer has decided on; items from elsewhere (imports, other
// scenes) are left alone.
import { UserError } from '../../../domain/errors';
import type { QAItem } from '../../../domain/qa/types';
import { DEFAULT_PROJECT, type StoredItem, db } from './db';
import { isQuotaError } from './quota';

/**
 * Replaces the scene's undecided generated items with `items`, queued after everything already
 * stored. A new item whose id is taken by a reviewed one is not stored: the reviewed item (and its
 * decisions) stay as they were. Returns how many reviewed items were kept.
 */
export async function replaceGenerated(scene: string, items: QAItem[], project = DEFAULT_PROJECT): Promise<{ kept: number }> {
  try {
    return await db().transaction('rw', db().items, db().decisions, async () => {
      const old = await db().items.where('scene').equals(scene).filter((r) => r.project === project && r.item.spatial_lens.generator?.name === 'spatial-lens' && !r.item.spatial_lens.source).primaryKeys();
      const reviewed = new Set<string>();
      for (const id of old) if ((await db().decisions.where('item').equals(id).count()) > 0) reviewed.add(id);
      await db().items.bulkDelete(old.filter((id) => !reviewed.has(id)));
      const last = await db().items.orderBy('seq').last();
      const start = (last?.seq ?? 0) + 1;
      const fresh = items.filter((i) => !reviewed.has(i.id));
      await db().items.bulkPut(fresh.map((item, k): StoredItem => ({ id: item.id, scene, task: item.task, seq: start + k, item, project, flags: [] })));
      return { kept: reviewed.size };
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
