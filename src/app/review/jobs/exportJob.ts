// An export as a job: the chosen items with their decisions, photos (and marked copies), and the
// scenes of generated items, written as a zip with its manifest, in the layout the export dialog
// chose; it stops between two items when cancelled. The lookups an export repeats (photos shared by
// neighbours, the scenes, decoded pixels) are cached for this export only.
import { serializeScene } from '../../../domain/scene/scene';
import { markedImages } from '../../../domain/qa/export/bundle';
import type { RgbaImage } from '../../../domain/qa/export/drawMarks';
import type { QAItem } from '../../../domain/qa/types';
import { sha256Hex } from '../../../domain/formats/hash';
import { type ExportEntry, type ExportImage, manifestText, writeExport } from '../../../domain/review/exportBundle';
import { type ExportReview, sourceRecord } from '../../../domain/review/import/layouts';
import { exportTarget, layoutRecord } from '../../../domain/review/export/records';
import { parquetItemFile } from '../../../domain/review/export/parquetFile';
import { ReviewState } from '../../../domain/review/state';
import { computeStats } from '../../../domain/review/stats';
import { errorRateManifest, sampleOfViewName } from '../../../domain/review/errorRateStats';
import type { ItemSource, StoredDecision } from '../../../domain/review/types';
import type { StoredItem, StoredScene } from '../ports';
import type { ExportFormat, MarkedPhotos, Progress, ReviewJobStorage } from '../ports';
import { isVerdict } from './importJob';
import { itemDepthMaps } from './exportDepth';

/** The record's review as the layouts write it (the original answer and options of a fix included). */
function exportReview(item: QAItem, d: StoredDecision | undefined): ExportReview | undefined {
  if (!d || !isVerdict(d.decision)) return undefined;
  const r: ExportReview = { decision: d.decision, reviewer: d.reviewer, startedAt: d.startedAt, decidedAt: d.decidedAt };
  if (d.reasons) r.reasons = d.reasons;
  if (d.comment) r.comment = d.comment;
  if (d.edits) r.edits = d.edits;
  if (d.blind) r.blind = d.blind;
  if (d.marks?.length) r.marks = d.marks;
  if (d.decision === 'fix') r.original = { answer: item.answer, ...(item.spatial_lens.options ? { options: item.spatial_lens.options } : {}) };
  return r;
}

export const fileStamp = (now: number) => new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');

export interface ExportJobOptions {
  /** The layout, images or not, and SPAR-7M's counts per file (default: as imported, with images). */
  format?: ExportFormat;
  /** Cancels the export: it stops between two items with the signal's reason, and nothing is returned. */
  signal?: AbortSignal;
  now?: number;
}

export async function exportJob(storage: ReviewJobStorage, photos: MarkedPhotos, project: string, ids: string[], filter: string, marked: boolean, progress: Progress, opts: ExportJobOptions = {}) {
  const { format, signal, now = Date.now() } = opts;
  const layout = format?.layout ?? 'as-imported';
  const withImages = format?.images ?? true;
  const perTaskFormat = new Map(format?.byTaskFormat ?? []);
  // SPAR-7M marks are written on the 0–1000 scale of the image they lie on
  const sizes = layout === 'spar7m' ? await storage.imageSizes(project) : new Map<string, { width: number; height: number } | undefined>();
  // image blobs already looked up in this export (many items share a photo; a Blob is only a handle)
  const imageBlobs = new Map<string, Blob | null>();
  const imageBlob = async (path: string): Promise<Blob | null> => {
    let b = imageBlobs.get(path);
    if (b === undefined) imageBlobs.set(path, (b = (await storage.getImage(project, path))?.blob ?? null));
    return b;
  };
  let sceneCache: Map<string, StoredScene> | null = null;
  const sceneByItem = async (sceneId: string): Promise<StoredScene | undefined> => {
    if (!sceneCache) {
      sceneCache = new Map();
      for (const s of await storage.allScenes()) if (s.scene) sceneCache.set(s.scene.id, s);
    }
    return sceneCache.get(sceneId);
  };
  const itemImages = async (stored: StoredItem): Promise<ExportImage[]> => {
    const out: ExportImage[] = [];
    for (let k = 0; k < stored.item.image.length; k++) {
      // an import resolved each image once: null is known missing
      const path = stored.imagePaths ? stored.imagePaths[k] : stored.item.image[k];
      if (!path) continue;
      const blob = await imageBlob(path);
      if (blob) out.push({ path: stored.item.image[k], blob });
    }
    if (!out.length && !stored.item.spatial_lens.source) {
      // a generated item's photo is its scene's
      const photo = await sceneByItem(stored.item.spatial_lens.scene);
      if (photo) out.push({ path: stored.item.image[0], blob: photo.image });
    }
    return out;
  };
  // recently decoded photos: an export walks the queue, and neighbours share photos
  const decoded = new Map<string, RgbaImage>();
  const markedOf = async (item: QAItem, images: ExportImage[]): Promise<ExportImage[]> => {
    const out: ExportImage[] = [];
    for (const m of markedImages([item])) {
      const img = images.find((i) => i.path === m.image);
      if (!img) continue;
      let px = decoded.get(m.image);
      if (!px) {
        try {
          px = await photos.pixels(img.blob instanceof Blob ? img.blob : new Blob([img.blob as BlobPart]));
        } catch {
          continue; // an undecodable photo is exported as it is, unmarked
        }
        if (decoded.size >= 4) decoded.delete(decoded.keys().next().value!);
        decoded.set(m.image, px);
      }
      out.push({ path: m.name, blob: await photos.markedJpeg(px, item.spatial_lens.marks, m.index) });
    }
    return out;
  };

  const state = new ReviewState(await storage.decisionsAfter(project), project);
  const sceneIds = new Set<string>();
  const rowById = new Map((await storage.queueRows(project)).map((r) => [r.id, r]));
  async function* entries(): AsyncGenerator<ExportEntry> {
    let n = 0;
    for (const id of ids) {
      const row = rowById.get(id);
      const r = row && (await storage.getItem(row, project));
      if (!r) continue;
      if (!r.item.spatial_lens.source) sceneIds.add(r.item.spatial_lens.scene);
      const images = withImages || marked ? await itemImages(r) : [];
      const depth = withImages ? await itemDepthMaps(r, imageBlob) : [];
      yield { appId: r.id, item: r.item, review: state.latest(r.id), images, ...(marked ? { marked: await markedOf(r.item, images) } : {}), ...(depth.length ? { depth } : {}) };
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
  /** The whole project's error-rate estimate, with the newest seeded sample view's seed. */
  async function errorRateOf() {
    const samples = (await storage.listViews(project)).map((v) => sampleOfViewName(v.name)).filter((x) => x !== null);
    return errorRateManifest(computeStats([...rowById.values()], state).tasks, samples.length ? samples[samples.length - 1] : null);
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
      errorRate: await errorRateOf(),
      scenes: scenes(),
      signal,
    },
    (c) => void chunks.push(c.slice()),
  );
  const manifestSha256 = await sha256Hex(new TextEncoder().encode(manifestText(manifest)));
  return { blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }), name: `spatial-lens-reviewed-${fileStamp(now)}.zip`, count: manifest.counts.items, manifestSha256 };
}
