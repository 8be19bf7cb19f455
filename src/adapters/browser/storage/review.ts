// The review workspace's storage: projects, the items of a project's queue, imported images, the
// append-only decision log and saved views. A decision is written (and its transaction committed)
// before the caller moves on, so closing the tab right after loses nothing.
import { UserError } from '../../../domain/errors';
import type { QAItem } from '../../../domain/qa/types';
import type { ItemFlag, QueueRow, ReviewDecision, StoredDecision } from '../../../domain/review/types';
import { queueRow } from '../../../domain/review/types';
import { uniqueProjectName } from '../../../domain/review/projectName';
import { DEFAULT_PROJECT, type PackedItem, type StoredImage, type StoredItem, type StoredProject, type StoredView, db } from './db';
import { isQuotaError } from './quota';

const quota = (what: string) => (e: unknown) => {
  if (isQuotaError(e)) throw new UserError(`Browser storage is full: ${what} could not be saved. Everything stored before is intact; free space (delete a project or scenes) or export a backup.`, 'quota');
  throw e;
};

export async function listProjects(): Promise<StoredProject[]> {
  const all = await db().projects.toArray();
  if (!all.some((p) => p.id === DEFAULT_PROJECT)) all.unshift({ id: DEFAULT_PROJECT, name: 'My project', createdAt: new Date(0).toISOString() });
  return all;
}

export async function createProject(name: string): Promise<StoredProject> {
  const id = `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  // read the names and add the project in one transaction: two tabs cannot both take "Untitled project"
  return db()
    .transaction('rw', db().projects, async () => {
      const names = (await listProjects()).map((p) => p.name);
      const p: StoredProject = { id, name: uniqueProjectName(name, names), createdAt: new Date().toISOString() };
      await db().projects.put(p);
      return p;
    })
    .catch(quota('the project'));
}

export const renameProject = (id: string, name: string) => db().projects.put({ id, name, createdAt: new Date().toISOString() }).catch(quota('the name'));

/** Deletes a project with its items, images, decisions and views (scenes are shared and stay). */
export async function deleteProject(id: string): Promise<void> {
  await db().transaction('rw', [db().projects, db().items, db().packs, db().packRows, db().images, db().decisions, db().views, db().imports], async () => {
    await db().items.where('project').equals(id).delete();
    await db().packs.where('project').equals(id).delete();
    await db().packRows.where('project').equals(id).delete();
    await db().images.where('project').equals(id).delete();
    await db().decisions.where('project').equals(id).delete();
    await db().views.where('project').equals(id).delete();
    await db().imports.where('project').equals(id).delete();
    await db().projects.delete(id);
  });
}

/** The queue rows of a project in queue order: generated items one by one, imported ones by pack. */
export async function queueRows(project: string): Promise<QueueRow[]> {
  packCache.clear();
  const rows: QueueRow[] = [];
  await db()
    .items.where('[project+seq]')
    .between([project, -Infinity], [project, Infinity])
    .each((r) => {
      rows.push(queueRow(r.id, r.seq, r.item, r.flags ?? [], r.assignees));
    });
  const packed = await db().packRows.where('project').equals(project).toArray();
  if (!packed.length) return rows;
  for (const p of packed) for (const r of p.rows) rows.push(r);
  return rows.sort((a, b) => a.seq - b.seq);
}

/** The last packs read: a reviewer walks the queue in order, so the next item is usually in one. */
const packCache = new Map<string, Map<string, PackedItem>>();
async function packOf(project: string, pack: number): Promise<Map<string, PackedItem> | undefined> {
  const key = `${project}\u0000${pack}`;
  const hit = packCache.get(key);
  if (hit) return hit;
  const p = await db().packs.get([project, pack]);
  if (!p) return undefined;
  const byId = new Map(p.items.map((i) => [i.id, i]));
  if (packCache.size >= 3) packCache.delete(packCache.keys().next().value!);
  packCache.set(key, byId);
  return byId;
}

/** An item of the queue as stored, whether it lives alone (generated) or in a pack (imported). */
export async function getItem(row: QueueRow, project: string): Promise<StoredItem | undefined> {
  if (row.pack === undefined) return db().items.get(row.id);
  const found = (await packOf(project, row.pack))?.get(row.id);
  if (!found) return undefined;
  const stored: StoredItem = { id: row.id, scene: row.scene, task: row.task, seq: row.seq, item: found.item, project, flags: row.flags };
  if (row.assignees) stored.assignees = row.assignees;
  if (found.imagePaths) stored.imagePaths = found.imagePaths;
  return stored;
}

/** The next seq to give (seqs are unique in the whole database: one queue order). */
export async function lastSeq(): Promise<number> {
  const a = (await db().items.orderBy('seq').last())?.seq ?? 0;
  const b = (await db().packs.orderBy('last').last())?.last ?? 0;
  return Math.max(a, b);
}

/** The item ids of a project: a second project may hold the same file's items under the same ids. */
export async function projectItemIds(project: string): Promise<Set<string>> {
  const ids = new Set((await db().items.where('project').equals(project).primaryKeys()) as string[]);
  await db()
    .packRows.where('project')
    .equals(project)
    .each((p) => {
      for (const r of p.rows) ids.add(r.id);
    });
  return ids;
}

/** The project's stored images by path, with their sizes where known (SPAR-7M marks are read with them). */
export async function imageSizes(project: string): Promise<Map<string, { width: number; height: number } | undefined>> {
  const out = new Map<string, { width: number; height: number } | undefined>();
  await db()
    .images.where('project')
    .equals(project)
    .each((i) => void out.set(i.path, i.width && i.height ? { width: i.width, height: i.height } : undefined));
  return out;
}

/** The project's stored images by path: their bytes and pixels (0 where the size is not known), for an export's size estimate. */
export async function imageBytes(project: string): Promise<Map<string, { bytes: number; pixels: number }>> {
  const out = new Map<string, { bytes: number; pixels: number }>();
  await db()
    .images.where('project')
    .equals(project)
    .each((i) => void out.set(i.path, { bytes: i.blob.size, pixels: (i.width ?? 0) * (i.height ?? 0) }));
  return out;
}

/** SHA-256 → path of the project's images that were stored with their hash (imports since hashes were kept). */
export async function imageHashes(project: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await db()
    .images.where('project')
    .equals(project)
    .each((i) => void (i.sha256 && out.set(i.sha256, i.path)));
  return out;
}

/** One import batch as one pack: its items, their queue rows and the images they name, in one transaction. */
export async function putImportBatch(project: string, items: { appId: string; item: QAItem; flags: ItemFlag[]; imagePaths?: (string | null)[] }[], images: Omit<StoredImage, 'project'>[], firstSeq: number): Promise<void> {
  await db()
    .transaction('rw', db().packs, db().packRows, db().images, async () => {
      if (images.length) await db().images.bulkPut(images.map((i) => ({ ...i, project })));
      if (!items.length) return;
      const pack = firstSeq;
      const rows = items.map((b, k) => ({ ...queueRow(b.appId, firstSeq + k, b.item, b.flags), pack }));
      await db().packs.add({ project, pack, last: firstSeq + items.length - 1, items: items.map((b) => ({ id: b.appId, item: b.item, ...(b.imagePaths ? { imagePaths: b.imagePaths } : {}) })) });
      await db().packRows.add({ project, pack, rows });
    })
    .catch(quota(batchWords(items.length, images.length)));
}

export const getImage = (project: string, path: string) => db().images.get([project, path]);

/** What an import batch held, for a message: its items and its images (a batch may hold only images). */
export function batchWords(items: number, images: number): string {
  const n = (k: number, w: string) => `${k.toLocaleString('en-US')} ${w}${k === 1 ? '' : 's'}`;
  if (!images) return `the import batch of ${n(items, 'item')}`;
  if (!items) return `the import batch of ${n(images, 'image')}`;
  return `the import batch of ${n(items, 'item')} and ${n(images, 'image')}`;
}

/** Appends a decision; resolves once IndexedDB has committed it. A retried uid is not written twice. */
export async function appendDecision(d: ReviewDecision, project: string, uid: string): Promise<StoredDecision> {
  const rec: StoredDecision = { ...d, project, uid };
  try {
    const key = await db().decisions.add(rec);
    return { ...rec, key };
  } catch (e) {
    const err = e as { name?: string; inner?: { name?: string } };
    if (err?.name === 'ConstraintError' || err?.inner?.name === 'ConstraintError') {
      const had = await db().decisions.where('uid').equals(uid).first();
      if (had) return had;
    }
    return quota('the decision')(e) as never;
  }
}

/** The project's decisions with a key above `after`, in log order (another tab's included). */
export async function decisionsAfter(project: string, after = 0): Promise<StoredDecision[]> {
  return db().decisions.where('[project+key]').between([project, after + 1e-9], [project, Infinity]).toArray();
}

export async function setAssignees(project: string, ids: string[], assignees: string[]): Promise<void> {
  const want = new Set(ids);
  await db()
    .transaction('rw', db().items, db().packRows, async () => {
      await db()
        .items.where('id')
        .anyOf(ids)
        .filter((r) => r.project === project)
        .modify({ assignees });
      await db().packRows.where('project').equals(project).modify((p) => {
        for (const r of p.rows) if (want.has(r.id)) r.assignees = assignees;
      });
    })
    .catch(quota('the assignment'));
}

export const listViews = (project: string) => db().views.where('project').equals(project).toArray();
export const saveView = (v: StoredView) => db().views.put(v).catch(quota('the view'));
export const deleteView = (id: string) => db().views.delete(id);

/** Asks the browser to keep the data under storage pressure; returns whether it is persisted, and the usage. */
export async function storageStatus(ask = false): Promise<{ persisted: boolean | null; usage: number | null; quota: number | null }> {
  const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!s) return { persisted: null, usage: null, quota: null };
  let persisted = (await s.persisted?.()) ?? null;
  if (ask && persisted === false && s.persist) persisted = await s.persist().catch(() => false);
  const est = (await s.estimate?.().catch(() => undefined)) ?? {};
  return { persisted, usage: est.usage ?? null, quota: est.quota ?? null };
}
