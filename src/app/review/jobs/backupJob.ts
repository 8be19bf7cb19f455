// A backup as a job: the whole project (items, decisions, images, scenes, views) in one zip.
import { writeBackup } from '../../../domain/review/backup';
import { DEFAULT_PROJECT } from '../../../domain/review/project';
import type { Progress, ReviewJobStorage } from '../ports';
import { fileStamp } from './exportJob';

export async function backupJob(storage: ReviewJobStorage, project: string, progress: Progress, now = Date.now()) {
  const p = (await storage.getProject(project)) ?? { id: project, name: project === DEFAULT_PROJECT ? 'My project' : project, createdAt: new Date(now).toISOString() };
  const rows = await storage.queueRows(project);
  const total = rows.length;
  let done = 0;
  async function* items() {
    for (const row of rows) {
      const r = await storage.getItem(row, project);
      if (!r) continue;
      if (++done % 5000 === 0) progress('Backing up', done, total);
      yield { id: r.id, seq: r.seq, scene: r.scene, task: r.task, flags: r.flags, assignees: r.assignees, item: r.item, ...(r.imagePaths ? { imagePaths: r.imagePaths } : {}) };
    }
  }
  async function* images() {
    for (const i of await storage.projectImages(project)) yield { path: i.path, blob: i.blob, width: i.width, height: i.height };
  }
  async function* scenes() {
    for (const s of await storage.allScenes()) {
      const { image, depth, ...data } = s;
      yield { id: s.id, data: data as Record<string, unknown>, blobs: { image, ...(depth ? { depth } : {}) } };
    }
  }
  const chunks: Uint8Array[] = [];
  await writeBackup(
    { project: { ...p }, items: items(), decisions: await storage.decisionsAfter(project), images: images(), scenes: scenes(), views: (await storage.projectViews(project)) as unknown as Record<string, unknown>[] },
    (c) => void chunks.push(c.slice()),
  );
  return { blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }), name: `spatial-lens-backup-${p.name.replace(/[^\w.-]+/g, '_')}-${fileStamp(now)}.zip`, count: total };
}
