import { UserError } from '../../../domain/errors';
import { type StoredScene, db } from './db';
import { isQuotaError } from './quota';


/** Saves (merges into) a scene record; a full quota is reported and leaves stored data intact. */
export async function saveScene(id: string, patch: Partial<Omit<StoredScene, 'id' | 'updatedAt'>>): Promise<void> {
  try {
    await db().transaction('rw', db().scenes, async () => {
      const prior = await db().scenes.get(id);
      if (!prior && !patch.image) return;
      await db().scenes.put({ ...(prior as StoredScene), ...patch, id, updatedAt: new Date().toISOString() } as StoredScene);
    });
  } catch (e) {
    if (isQuotaError(e)) throw new UserError(`Not enough browser storage to keep ${id}; nothing already stored was changed.`, 'quota');
    throw e;
  }
}

export const loadScene = (id: string) => db().scenes.get(id);
export const listScenes = () => db().scenes.orderBy('updatedAt').toArray();
export const deleteScene = (id: string) => db().scenes.delete(id);
