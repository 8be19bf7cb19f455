/// <reference lib="webworker" />
// The review worker: imports (parsing JSONL, parquet and zips, writing batches to IndexedDB as they
// come), exports and backups (zips streamed from IndexedDB) and restores, all off the page's thread.
// It talks to the same Dexie database as the page; the page re-reads the queue when a job is done.
import { isUserError } from '../domain/errors';
import { serializeScene } from '../domain/scene/scene';
import { markedImages } from '../domain/qa/export/bundle';
import type { RgbaImage } from '../domain/qa/export/drawMarks';
import type { QAItem } from '../domain/qa/types';
import { markedJpeg, photoPixels } from '../adapters/browser/markedPhoto';
import { readBackup, writeBackup } from '../domain/review/backup';
import { sha256Hex } from '../domain/formats/hash';
import { type ExportEntry, type ExportImage, manifestText, writeExport } from '../domain/review/exportBundle';
import { ExportModifiedError, exportModified } from '../domain/review/exportCheck';
import { importFiles, type ModifiedExportPolicy } from '../domain/review/import/importer';
import { type ExportReview, sourceRecord } from '../domain/review/import/layouts';
import { parseBlind } from '../domain/review/blind';
import { describeMerge, mergeReport } from '../domain/review/merge';
import { ReviewState } from '../domain/review/state';
import { type ItemSource, REVIEW_SCHEMA, type Reason, type ReviewDecision, type StoredDecision, type Verdict } from '../domain/review/types';
import { DEFAULT_PROJECT, type StoredItem, type StoredScene, type StoredView, db } from '../adapters/browser/storage/db';
import { appendDecision, decisionsAfter, getImage, getItem, imageHashes, imageSizes, lastSeq, projectItemIds, putImportBatch, queueRows, setAssignees } from '../adapters/browser/storage/review';
import { ImportTracker } from '../adapters/browser/storage/imports';
import { loadScene, saveScene } from '../adapters/browser/storage/scenes';
import type { ExportFormat, ReviewRequest, ReviewResponse } from './reviewProtocol';
import { exportTarget, layoutRecord } from '../domain/review/export/records';
import { parquetItemFile } from '../domain/review/export/parquetFile';
import { measureExport } from './exportMeasure';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: ReviewResponse) => self.postMessage(m);

/** Running exports, by request id, for `cancel`. */
const running = new Map<number, AbortController>();

self.onmessage = async (ev: MessageEvent<ReviewRequest>) => {
  const req = ev.data;
  const progress = (label: string, done: number, total: number) => post({ type: 'progress', id: req.id, label, done, total });
  try {
    if (req.type === 'cancel') return void running.get(req.job)?.abort(new DOMException('The export was cancelled.', 'AbortError'));
    if (req.type === 'import') post({ type: 'imported', id: req.id, summary: await runImport(req.project, req.files, progress, req.modifiedExports) });
    else if (req.type === 'measure') post({ type: 'measured', id: req.id, measure: await measureExport(req.project, req.ids) });
    else if (req.type === 'export') {
      const ctl = new AbortController();
      running.set(req.id, ctl);
      try {
        post({ type: 'file', id: req.id, ...(await runExport(req.project, req.ids, req.filter, req.marked, progress, req.format, ctl.signal)) });
      } finally {
        running.delete(req.id);
      }
    }
    else if (req.type === 'backup') post({ type: 'file', id: req.id, ...(await runBackup(req.project, progress)) });
    else if (req.type === 'restore') post({ type: 'restored', id: req.id, ...(await runRestore(req.blob, progress)) });
  } catch (e) {
    post({ type: 'error', id: req.id, message: (e as Error)?.message ?? String(e), user: isUserError(e), ...(e instanceof ExportModifiedError ? { checks: e.checks } : {}) });
  }
};

const PHASES: Record<string, string> = { unzip: 'Unpacking', verify: 'Checking exports against their manifests', images: 'Reading images', scenes: 'Reading scenes', items: 'Importing items', done: 'Finishing' };

async function runImport(project: string, files: { path: string; blob: Blob }[], progress: (l: string, d: number, t: number) => void, modifiedExports?: ModifiedExportPolicy) {
  const t0 = performance.now();
  // ids are unique in the whole database (one queue table), so duplicates are checked against all
  const existing = await projectItemIds(project);
  const images = await imageSizes(project);
  const hashes = await imageHashes(project);
  let seq = (await lastSeq()) + 1;
  // the journal says how far the import got, should the tab die before the end
  const track = await ImportTracker.start(project, files);
  const gen = importFiles(files, { existingIds: existing, existingImages: images, existingImageHashes: hashes, modifiedExports, onItemFiles: (f) => track.itemFiles(f), onProgress: (d, t, phase) => progress(PHASES[phase] ?? phase, d, t) });
  const problems: { file: string; line?: number; message: string }[] = [];
  const missing: { appId: string; images: string[] }[] = [];
  let added = 0;
  let imageCount = 0;
  let scenes = 0;
  let reviews = 0;
  let flagged = 0;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      const s = r.value;
      const exports = s.exports.map((c) => ({ zip: c.zip, filesListed: c.filesListed, manifestSha256: c.manifestSha256, modified: exportModified(c) }));
      const finished = (await track.finish()).map((j) => j.dropped.map((f) => f.path).join(', '));
      return { added, images: imageCount, imagesReused: s.imagesReused, scenes, reviews, problems: problems.slice(0, 500), problemCount: problems.length, duplicates: s.duplicates, existing: s.existing, finished, missingImages: missing.slice(0, 500), missingCount: missing.length, exports, flagged, ms: performance.now() - t0 };
    }
    const b = r.value;
    flagged += b.items.filter((i) => i.flags.includes('modified-after-export')).length;
    await track.batch(b, () =>
      putImportBatch(
        project,
        b.items.map((i) => ({ appId: i.appId, item: i.item, flags: i.flags, imagePaths: i.imagePaths })),
        b.images.map((i) => ({ path: i.path, blob: i.blob, width: i.width, height: i.height, ...(i.sha256 ? { sha256: i.sha256 } : {}) })),
        seq,
      ),
    );
    seq += b.items.length;
    added += b.items.length;
    imageCount += b.images.length;
    problems.push(...b.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })));
    missing.push(...b.missing.map((m) => ({ appId: m.appId, images: m.images })));
    for (const sc of b.scenes) {
      // a scene file joins the project's scenes when its photo came with it (or is stored)
      const photo = b.images.find((i) => i.path.split('/').pop() === sc.scene.image.file) ?? (await getImage(project, sc.scene.image.file));
      if (!photo) {
        problems.push({ file: sc.path, message: `scene ${sc.scene.id}: its photo ${sc.scene.image.file} is not in the import, so the scene was not stored` });
        continue;
      }
      await saveScene(sc.scene.image.file, { image: photo.blob, scene: sc.scene, objects: sc.scene.objects });
      scenes++;
    }
    // an exported reviewed item brings its decision back (export → import round trip)
    for (const i of b.items) {
      const rv = i.review as Partial<ReviewDecision> | undefined;
      if (!rv || !isVerdict(rv.decision)) continue;
      const d: ReviewDecision = {
        schema: REVIEW_SCHEMA,
        item: i.appId,
        decision: rv.decision,
        reviewer: String(rv.reviewer ?? 'reviewer'),
        startedAt: String(rv.startedAt ?? rv.decidedAt ?? ''),
        decidedAt: String(rv.decidedAt ?? ''),
      };
      if (Array.isArray(rv.reasons)) d.reasons = rv.reasons as Reason[];
      if (rv.comment) d.comment = String(rv.comment);
      if (rv.edits) d.edits = rv.edits;
      const blind = parseBlind(rv.blind);
      if (blind) d.blind = blind;
      // per project: the same export imported into two projects brings its decisions into both
      await appendDecision(d, project, `import:${project}:${i.appId}:${d.decidedAt}:${d.reviewer}`);
      reviews++;
    }
  }
}

const isVerdict = (d: unknown): d is Verdict => d === 'accept' || d === 'fix' || d === 'reject';

/** The record's review as the layouts write it (the original answer and options of a fix included). */
function exportReview(item: QAItem, d: StoredDecision | undefined): ExportReview | undefined {
  if (!d || !isVerdict(d.decision)) return undefined;
  const r: ExportReview = { decision: d.decision, reviewer: d.reviewer, startedAt: d.startedAt, decidedAt: d.decidedAt };
  if (d.reasons) r.reasons = d.reasons;
  if (d.comment) r.comment = d.comment;
  if (d.edits) r.edits = d.edits;
  if (d.blind) r.blind = d.blind;
  if (d.decision === 'fix') r.original = { answer: item.answer, ...(item.spatial_lens.options ? { options: item.spatial_lens.options } : {}) };
  return r;
}

/** Image blobs already looked up in this export (many items share a photo; a Blob is only a handle). */
const imageBlobs = new Map<string, Blob | null>();
async function imageBlob(project: string, path: string): Promise<Blob | null> {
  let b = imageBlobs.get(path);
  if (b === undefined) imageBlobs.set(path, (b = (await getImage(project, path))?.blob ?? null));
  return b;
}

async function itemImages(stored: StoredItem): Promise<ExportImage[]> {
  const out: ExportImage[] = [];
  for (let k = 0; k < stored.item.image.length; k++) {
    // an import resolved each image once: null is known missing
    const path = stored.imagePaths ? stored.imagePaths[k] : stored.item.image[k];
    if (!path) continue;
    const blob = await imageBlob(stored.project, path);
    if (blob) out.push({ path: stored.item.image[k], blob });
  }
  if (!out.length && !stored.item.spatial_lens.source) {
    // a generated item's photo is its scene's
    const photo = await sceneByItem(stored.item.spatial_lens.scene);
    if (photo) out.push({ path: stored.item.image[0], blob: photo.image });
  }
  return out;
}

let sceneCache: Map<string, StoredScene> | null = null;
async function sceneByItem(sceneId: string): Promise<StoredScene | undefined> {
  if (!sceneCache) {
    sceneCache = new Map();
    await db().scenes.each((s) => {
      if (s.scene) sceneCache!.set(s.scene.id, s);
    });
  }
  return sceneCache.get(sceneId);
}

/** Recently decoded photos: an export walks the queue, and neighbours share photos. */
const decoded = new Map<string, RgbaImage>();
async function markedOf(item: QAItem, images: ExportImage[]): Promise<ExportImage[]> {
  const out: ExportImage[] = [];
  for (const m of markedImages([item])) {
    const img = images.find((i) => i.path === m.image);
    if (!img) continue;
    let px = decoded.get(m.image);
    if (!px) {
      try {
        px = await photoPixels(img.blob instanceof Blob ? img.blob : new Blob([img.blob as BlobPart]));
      } catch {
        continue; // an undecodable photo is exported as it is, unmarked
      }
      if (decoded.size >= 4) decoded.delete(decoded.keys().next().value!);
      decoded.set(m.image, px);
    }
    out.push({ path: m.name, blob: await markedJpeg(px, item.spatial_lens.marks, m.index) });
  }
  return out;
}

async function runExport(project: string, ids: string[], filter: string, marked: boolean, progress: (l: string, d: number, t: number) => void, format?: ExportFormat, signal?: AbortSignal) {
  const layout = format?.layout ?? 'as-imported';
  const withImages = format?.images ?? true;
  const perTaskFormat = new Map(format?.byTaskFormat ?? []);
  // SPAR-7M marks are written on the 0–1000 scale of the image they lie on
  const sizes = layout === 'spar7m' ? await imageSizes(project) : new Map<string, { width: number; height: number } | undefined>();
  sceneCache = null;
  decoded.clear();
  imageBlobs.clear();
  const state = new ReviewState(await decisionsAfter(project), project);
  const sceneIds = new Set<string>();
  const rowById = new Map((await queueRows(project)).map((r) => [r.id, r]));
  async function* entries(): AsyncGenerator<ExportEntry> {
    let n = 0;
    for (const id of ids) {
      const row = rowById.get(id);
      const r = row && (await getItem(row, project));
      if (!r) continue;
      if (!r.item.spatial_lens.source) sceneIds.add(r.item.spatial_lens.scene);
      const images = withImages || marked ? await itemImages(r) : [];
      yield { appId: r.id, item: r.item, review: state.latest(r.id), images, ...(marked ? { marked: await markedOf(r.item, images) } : {}) };
      // marked photos cost a JPEG encode each: show progress often then
      if (++n % (marked ? 20 : 2000) === 0) progress('Exporting', n, ids.length);
    }
  }
  async function* scenes() {
    for (const id of sceneIds) {
      const s = await sceneByItem(id);
      if (s?.scene) yield { path: `${id}.scene.json`, data: serializeScene({ ...s.scene, objects: s.objects ?? s.scene.objects }) };
    }
  }
  const chunks: Uint8Array[] = [];
  const manifest = await writeExport(
    entries(),
    {
      recordOf: async (item, review) => {
        if (layout === 'as-imported') return sourceRecord(item, exportReview(item, review));
        const scene = layout === 'spar7m' && !item.spatial_lens.source ? (await sceneByItem(item.spatial_lens.scene))?.scene : undefined;
        return layoutRecord(item, exportReview(item, review), layout, item.image.map((p) => (scene ? { width: scene.image.width, height: scene.image.height } : sizes.get(p))));
      },
      layoutOf: (item) => `${(item.spatial_lens.source as ItemSource | undefined)?.layout ?? 'spatial-lens'}`,
      targetOf: (item) => {
        const t = exportTarget(item, layout, (k) => perTaskFormat.get(k) ?? 0);
        return t.kind === 'parquet' ? { ...t, file: () => parquetItemFile(withImages) } : t;
      },
      withoutImages: !withImages,
      filter,
      scenes: scenes(),
      signal,
    },
    (c) => void chunks.push(c.slice()),
  );
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const manifestSha256 = await sha256Hex(new TextEncoder().encode(manifestText(manifest)));
  return { blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }), name: `spatial-lens-reviewed-${stamp}.zip`, count: manifest.counts.items, manifestSha256 };
}

async function runBackup(project: string, progress: (l: string, d: number, t: number) => void) {
  const p = (await db().projects.get(project)) ?? { id: project, name: project === DEFAULT_PROJECT ? 'My project' : project, createdAt: new Date().toISOString() };
  const rows = await queueRows(project);
  const total = rows.length;
  let done = 0;
  async function* items() {
    for (const row of rows) {
      const r = await getItem(row, project);
      if (!r) continue;
      if (++done % 5000 === 0) progress('Backing up', done, total);
      yield { id: r.id, seq: r.seq, scene: r.scene, task: r.task, flags: r.flags, assignees: r.assignees, item: r.item, ...(r.imagePaths ? { imagePaths: r.imagePaths } : {}) };
    }
  }
  async function* images() {
    for (const i of await db().images.where('project').equals(project).toArray()) yield { path: i.path, blob: i.blob, width: i.width, height: i.height };
  }
  async function* scenes() {
    for (const s of await db().scenes.toArray()) {
      const { image, depth, ...data } = s;
      yield { id: s.id, data: data as Record<string, unknown>, blobs: { image, ...(depth ? { depth } : {}) } };
    }
  }
  const chunks: Uint8Array[] = [];
  await writeBackup(
    { project: { ...p }, items: items(), decisions: await decisionsAfter(project), images: images(), scenes: scenes(), views: (await db().views.where('project').equals(project).toArray()) as unknown as Record<string, unknown>[] },
    (c) => void chunks.push(c.slice()),
  );
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }), name: `spatial-lens-backup-${p.name.replace(/[^\w.-]+/g, '_')}-${stamp}.zip`, count: total };
}

/**
 * Restores a backup by merging it into the project it came from: items and images are put back,
 * decisions are appended unless a decision with the same uid is stored (restoring twice changes
 * nothing), and undo records are pointed at the new keys of what they withdraw.
 */
async function runRestore(blob: Blob, progress: (l: string, d: number, t: number) => void) {
  progress('Reading the backup', 0, 1);
  const data = await readBackup(blob);
  const project = data.project.id;
  await db().projects.put({ id: project, name: data.project.name ?? project, createdAt: data.project.createdAt ?? data.createdAt, ...(data.project.blind === true ? { blind: true } : {}) });
  await db().images.bulkPut(data.images.map((i) => ({ project, path: i.path, blob: new Blob([i.bytes as BlobPart], { type: i.type }), width: i.width, height: i.height })));
  // generated items live one by one (regenerating replaces them), imported ones in packs
  const all = data.items.map((r): StoredItem => ({ ...(r as unknown as StoredItem), project }));
  const here = await projectItemIds(project);
  await db().items.bulkPut(all.filter((r) => !r.item.spatial_lens.source));
  const imported = all.filter((r) => r.item.spatial_lens.source && !here.has(r.id));
  let seq = (await lastSeq()) + 1;
  for (let i = 0; i < imported.length; i += 1000) {
    const chunk = imported.slice(i, i + 1000);
    await putImportBatch(project, chunk.map((r) => ({ appId: r.id, item: r.item, flags: r.flags ?? [], imagePaths: r.imagePaths })), [], seq);
    seq += chunk.length;
    progress('Restoring items', Math.min(imported.length, i + 1000), imported.length);
  }
  const groups = new Map<string, string[]>();
  for (const r of imported) if (r.assignees?.length) groups.set(r.assignees.join('\u0000'), [...(groups.get(r.assignees.join('\u0000')) ?? []), r.id]);
  for (const [who, ids] of groups) await setAssignees(project, ids, who.split('\u0000'));
  for (const s of data.scenes) {
    const had = await loadScene(s.id);
    if (had) continue; // a scene edited since the backup is newer than the backup's copy
    const blobs = Object.fromEntries(Object.entries(s.blobs).map(([k, b]) => [k, new Blob([b.bytes as BlobPart], { type: b.type })]));
    await db().scenes.put({ ...(s.data as unknown as StoredScene), id: s.id, image: blobs.image, ...(blobs.depth ? { depth: blobs.depth } : {}) });
  }
  // what the merge does to the decisions in effect here, said in the restore message
  const before = new ReviewState(await decisionsAfter(project), project);
  const newKey = new Map<number, number>();
  let i = 0;
  for (const d of [...data.decisions].sort((a, b) => (a.key ?? 0) - (b.key ?? 0))) {
    const { key, uid, project: _p, ...rest } = d;
    if (rest.decision === 'undo' && typeof rest.undoes === 'number') rest.undoes = newKey.get(rest.undoes) ?? rest.undoes;
    const stored = await appendDecision(rest, project, uid);
    if (typeof key === 'number' && typeof stored.key === 'number') newKey.set(key, stored.key);
    if (++i % 1000 === 0) progress('Restoring decisions', i, data.decisions.length);
  }
  for (const v of data.views) await db().views.put({ ...(v as unknown as StoredView), project });
  const after = new ReviewState(await decisionsAfter(project), project);
  const merge = describeMerge(mergeReport(before, after, new ReviewState(data.decisions), data.decisions.map((d) => d.item)));
  return { project, name: data.project.name ?? project, items: data.items.length, decisions: data.decisions.length, images: data.images.length, merge };
}
