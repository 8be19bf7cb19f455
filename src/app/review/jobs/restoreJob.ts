// A restore as a job: a backup merged into the project it came from. Items and images are put back,
// decisions are appended unless a decision with the same uid is stored (restoring twice changes
// nothing), and undo records are pointed at the new keys of what they withdraw.
import { readBackup } from '../../../domain/review/backup';
import { describeMerge, mergeReport } from '../../../domain/review/merge';
import { ReviewState } from '../../../domain/review/state';
import type { StoredItem, StoredScene, StoredView } from '../ports';
import type { Progress, ReviewJobStorage } from '../ports';

export async function restoreJob(storage: ReviewJobStorage, blob: Blob, progress: Progress) {
  progress('Reading the backup', 0, 1);
  const data = await readBackup(blob);
  const project = data.project.id;
  await storage.putProject({ id: project, name: data.project.name ?? project, createdAt: data.project.createdAt ?? data.createdAt, ...(data.project.blind === true ? { blind: true } : {}) });
  await storage.putImages(data.images.map((i) => ({ project, path: i.path, blob: new Blob([i.bytes as BlobPart], { type: i.type }), width: i.width, height: i.height })));
  // generated items live one by one (regenerating replaces them), imported ones in packs
  const all = data.items.map((r): StoredItem => ({ ...(r as unknown as StoredItem), project }));
  const here = await storage.projectItemIds(project);
  await storage.putItems(all.filter((r) => !r.item.spatial_lens.source));
  const imported = all.filter((r) => r.item.spatial_lens.source && !here.has(r.id));
  let seq = (await storage.lastSeq()) + 1;
  for (let i = 0; i < imported.length; i += 1000) {
    const chunk = imported.slice(i, i + 1000);
    await storage.putImportBatch(project, chunk.map((r) => ({ appId: r.id, item: r.item, flags: r.flags ?? [], imagePaths: r.imagePaths })), [], seq);
    seq += chunk.length;
    progress('Restoring items', Math.min(imported.length, i + 1000), imported.length);
  }
  const groups = new Map<string, string[]>();
  for (const r of imported) if (r.assignees?.length) groups.set(r.assignees.join('\u0000'), [...(groups.get(r.assignees.join('\u0000')) ?? []), r.id]);
  for (const [who, ids] of groups) await storage.setAssignees(project, ids, who.split('\u0000'));
  for (const s of data.scenes) {
    const had = await storage.loadScene(s.id);
    if (had) continue; // a scene edited since the backup is newer than the backup's copy
    const blobs = new Map(Object.entries(s.blobs).map(([k, b]) => [k, new Blob([b.bytes as BlobPart], { type: b.type })]));
    const depth = blobs.get('depth');
    await storage.putScene({ ...(s.data as unknown as StoredScene), id: s.id, image: blobs.get('image')!, ...(depth ? { depth } : {}) });
  }
  // what the merge does to the decisions in effect here, said in the restore message
  const before = new ReviewState(await storage.decisionsAfter(project), project);
  const newKey = new Map<number, number>();
  let i = 0;
  for (const d of [...data.decisions].sort((a, b) => (a.key ?? 0) - (b.key ?? 0))) {
    const { key, uid, project: _p, ...rest } = d;
    if (rest.decision === 'undo' && typeof rest.undoes === 'number') rest.undoes = newKey.get(rest.undoes) ?? rest.undoes;
    const stored = await storage.appendDecision(rest, project, uid);
    if (typeof key === 'number' && typeof stored.key === 'number') newKey.set(key, stored.key);
    if (++i % 1000 === 0) progress('Restoring decisions', i, data.decisions.length);
  }
  for (const v of data.views) await storage.putView({ ...(v as unknown as StoredView), project });
  const after = new ReviewState(await storage.decisionsAfter(project), project);
  const merge = describeMerge(mergeReport(before, after, new ReviewState(data.decisions), data.decisions.map((d) => d.item)));
  return { project, name: data.project.name ?? project, items: data.items.length, decisions: data.decisions.length, images: data.images.length, merge };
}
