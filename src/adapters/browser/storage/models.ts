import { UserError } from '../../../domain/errors';
import type { ManifestEntry } from '../../../domain/models/manifest';
import { type StoredModel, db } from './db';
import { isQuotaError } from './quota';
import { readModelFile, removeModelFile } from '../opfsModels';

export async function listStoredModels(): Promise<ManifestEntry[]> {
  const rows = await db().models.orderBy('addedAt').toArray();
  return rows.map((r) => ({ ...r.entry, origin: 'added' }));
}

export async function storedModelBytes(id: string): Promise<Uint8Array | null> {
  const row = await db().models.get(id);
  if (!row) return null;
  // Downloaded models stay in OPFS where they were verified; the row only describes them.
  if (typeof row.entry.opfsFile === 'string') return readModelFile(row.entry.opfsFile);
  return new Uint8Array(await row.blob.arrayBuffer());
}

/** Saves a model; a full quota is reported as such and leaves what is stored untouched. */
export async function saveModel(entry: ManifestEntry, bytes: Uint8Array): Promise<void> {
  const row: StoredModel = { id: entry.id, entry, blob: new Blob([bytes as BlobPart]), addedAt: new Date().toISOString() };
  try {
    await db().models.put(row);
  } catch (e) {
    if (isQuotaError(e))
      throw new UserError(
        `Not enough browser storage to keep ${entry.name ?? entry.file} (${(bytes.length / 1e6).toFixed(0)} MB); it was not added. Models and data already stored are intact.`,
        'quota',
      );
    throw e;
  }
}

export async function updateStoredEntry(id: string, patch: Partial<ManifestEntry>): Promise<void> {
  await db().models.where('id').equals(id).modify((row) => {
    row.entry = { ...row.entry, ...patch };
  });
}

export async function deleteModel(id: string): Promise<void> {
  const row = await db().models.get(id);
  await db().models.delete(id);
  if (typeof row?.entry.opfsFile === 'string') await removeModelFile(row.entry.opfsFile);
}
