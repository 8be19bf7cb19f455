// The import orchestrator: dropped files (a folder, a file list, zips) → batches of QA items,
// images and scenes, streamed so that the caller writes each batch to IndexedDB while parsing
// goes on. Plain TypeScript: runs in a Web Worker and in Node.
//
// Order of work: zips are unpacked (recursively) into the file list; image files are indexed and
// handed out first (so items that name them find them stored); scene files follow; then the item
// files (parquet, then JSONL / JSON) are streamed record by record.
import { imageSize } from 'image-size';
import { sha256Blob } from '../../formats/hash';
import { jsonProblem } from '../../formats/jsonError';
import { parseScene, type SceneFile } from '../../scene/scene';
import type { ImageSize } from '../../qa/export/sparLayout';
import type { QAItem } from '../../qa/types';
import type { ItemFlag, ItemSource, SourceLayout } from '../types';
import { jsonlLineChunks, jsonValueChunks } from './jsonlLines';
import { detectLayout, importRecord, recordImages, spar7mHasMarks, type ImportedRecord } from './layouts';
import { isParquetHead, readParquetRows, type EmbeddedImage } from './parquet';
import { checkExport, type ExportCheck, ExportModifiedError, exportModified } from '../exportCheck';
import { MAX_LINE_CHARS } from './limits';
import { markFlags } from './markChecks';
import { isIgnoredPath, readZip } from './zipEntries';
import { CameraFiles } from './cameraAttach';
import { isCameraTextPath, isLayoutSideFile } from './spar7mCameras';

export interface ImportFile {
  /** Path relative to the drop (folder drops) or the bare file name (file lists), `/` separators. */
  path: string;
  blob: Blob;
}

export interface ImportedItem {
  /** The app's id: `<source file>#<source id>`. */
  appId: string;
  item: QAItem;
  flags: ItemFlag[];
  /**
   * Where each of `item.image` was found: the project image path (as in `images` batches or the
   * already stored ones), or null when missing. `item.image` itself is left as the file wrote it.
   */
  imagePaths: (string | null)[];
  /** The review an exported item carried (`spatial_lens.review`), if any, for the caller to restore. */
  review?: Record<string, unknown>;
}

export interface ImportedImage {
  path: string;
  blob: Blob;
  width?: number;
  height?: number;
  /** SHA-256 of the file: an image already stored with the same bytes is not stored again. */
  sha256?: string;
}

export interface ImportedScene {
  path: string;
  scene: SceneFile;
}

/**
 * `line`: a record that could not be imported (bad JSON, wrong shape); `duplicate`: a record
 * skipped because its id was already taken; `file`: a file that could not be read; `zip-entry`:
 * an archive entry refused or unreadable; `ignored`: a file of a kind this import does not read.
 */
export type ProblemKind = 'line' | 'duplicate' | 'file' | 'zip-entry' | 'ignored';

export interface ImportProblem {
  file: string;
  /** 1-based line (parquet: row index + 1); absent for problems with a whole file. */
  line?: number;
  message: string;
  kind: ProblemKind;
}

/** An item imported without (some of) its images: flagged `missing-image` and listed here. */
export interface MissingImages {
  appId: string;
  file: string;
  line: number;
  /** The item's image entries that were found neither in this import nor among the stored images. */
  images: string[];
}

/** What each step of the import hands out; any list may be empty. */
export interface ImportBatch {
  items: ImportedItem[];
  images: ImportedImage[];
  scenes: ImportedScene[];
  problems: ImportProblem[];
  missing: MissingImages[];
}

export interface ImportSummary {
  items: number;
  /** Images handed out to be stored. */
  images: number;
  /** Images of the drop whose bytes the project already holds: not stored again, items point at the stored copy. */
  imagesReused: number;
  scenes: number;
  byLayout: Record<SourceLayout, number>;
  badRecords: number;
  duplicates: number;
  /** Of the duplicates, records whose id was already in the project (an import done again). */
  existing: number;
  missingImages: number;
  problems: number;
  /** Paths passed over quietly (dot files, `__MACOSX/`). */
  skipped: string[];
  /** Export zips of ours found in the drop, each checked against its manifest. */
  exports: ExportCheck[];
  ms: number;
}

export type ImportPhase = 'unzip' | 'verify' | 'images' | 'scenes' | 'items' | 'done';

/**
 * What to do with an export zip that no longer matches its manifest: stop and ask (the import
 * throws an ExportModifiedError before importing anything), leave it out, or import it with its
 * items flagged `modified-after-export`.
 */
export type ModifiedExportPolicy = 'ask' | 'refuse' | 'flag';

export interface ImportOptions {
  /** App ids already in the project: a record with one of them is reported and skipped. */
  existingIds?: ReadonlySet<string>;
  /** Image paths already stored in the project (a Map may give their sizes, used for SPAR-7M marks). */
  existingImages?: ReadonlySet<string> | ReadonlyMap<string, ImageSize | undefined>;
  /** SHA-256 → path of the images stored in the project: a dropped image with the same bytes is not stored again. */
  existingImageHashes?: ReadonlyMap<string, string>;
  /** Progress: items phase in bytes of item files (parquet by rows read), images by count. */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  /** Items per batch (default 2000); image batches are as long. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Nested zips are unpacked to this depth (default 3). */
  maxZipDepth?: number;
  /** Longest JSONL line or JSON value read, in characters (default MAX_LINE_CHARS). */
  maxLineChars?: number;
  /** Exports changed after they were written (default 'ask'). */
  modifiedExports?: ModifiedExportPolicy;
  /** Called once, before the first item is read, with every item file (zips unpacked). */
  onItemFiles?: (files: { path: string; blob: Blob; kind: 'parquet' | 'jsonl' | 'json' }[]) => Promise<void> | void;
}

const IMAGE_EXT = new Set(['jpg', 'jpeg', 'png', 'webp']);
const extOf = (p: string) => {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Path segments with `.`/empty dropped and `..` applied (a `..` above the root is kept out). */
function normSegments(p: string): string[] {
  const out: string[] = [];
  for (const s of p.replace(/\\/g, '/').split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}
const normPath = (p: string) => normSegments(p).join('/');

type Kind = 'image' | 'scene' | 'parquet' | 'jsonl' | 'json' | 'zip' | 'export-meta' | 'backup' | 'camera' | 'unknown';

async function headBytes(blob: Blob, n: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}

/** What a file is, from its name, else its first bytes. */
async function kindOf(f: ImportFile): Promise<Kind> {
  const name = baseOf(f.path).toLowerCase();
  if (name.endsWith('.scene.json')) return 'scene';
  const e = extOf(f.path);
  if (IMAGE_EXT.has(e)) return 'image';
  if (e === 'parquet') return 'parquet';
  if (e === 'jsonl' || e === 'ndjson') return 'jsonl';
  if (e === 'json') {
    // the files our own exports and backups write beside the items are not items
    if (name === 'manifest.json' || name === 'backup.json') {
      const head = new TextDecoder().decode(await headBytes(f.blob, 256));
      if (/"schema"\s*:\s*"spatial-lens\/export@/.test(head)) return 'export-meta';
      if (/"schema"\s*:\s*"spatial-lens\/backup@/.test(head)) return 'backup';
    }
    return 'json';
  }
  if (e === 'zip') return 'zip';
  if (e === 'csv' && name === 'summary.csv') return 'export-meta';
  // SPAR-7M-RGBD's camera files, and its video frame list (known, not needed)
  if (e === 'txt' && isCameraTextPath(f.path)) return 'camera';
  if (e === 'txt' && isLayoutSideFile(f.path)) return 'export-meta';
  const h = await headBytes(f.blob, 16);
  if (isParquetHead(h)) return 'parquet';
  if (h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04) return 'zip';
  if ((h[0] === 0x89 && h[1] === 0x50 && h[2] === 0x4e && h[3] === 0x47) || (h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff)) return 'image';
  if (String.fromCharCode(...h.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...h.subarray(8, 12)) === 'WEBP') return 'image';
  const first = String.fromCharCode(...h).trimStart()[0];
  if (first === '{') return 'jsonl';
  if (first === '[') return 'json';
  return 'unknown';
}

/** Width and height from an image's header bytes (undefined when they are not enough or not an image). */
export function sizeFromBytes(bytes: Uint8Array): ImageSize | undefined {
  try {
    const s = imageSize(bytes);
    if (s.width && s.height) {
      // EXIF orientations 5–8 swap the stored axes (docs/formats.md: sizes refer to the image as shown)
      const swap = s.orientation !== undefined && s.orientation >= 5 && s.orientation <= 8;
      return swap ? { width: s.height, height: s.width } : { width: s.width, height: s.height };
    }
  } catch {
    // not enough bytes, or not an image
  }
  return undefined;
}

const HEAD_STEPS = [4 * 1024, 64 * 1024];

/**
 * The project's images by path, for resolving an item's `image` entries: exact paths first
 * (relative to the item file's folder, then to the drop's root), else the path that shares the
 * longest suffix of segments with the entry (at least the file name); ties go to the path
 * nearest the item file, then the first in order.
 */
export class ImageIndex {
  private readonly paths = new Set<string>();
  private readonly byBase = new Map<string, string[]>();
  private readonly blobs = new Map<string, Blob>();
  private readonly sizes = new Map<string, ImageSize | undefined | Promise<ImageSize | undefined>>();
  private readonly cache = new Map<string, string | null>();

  add(path: string, blob?: Blob, size?: ImageSize): void {
    if (!this.paths.has(path)) {
      this.paths.add(path);
      const b = baseOf(path);
      const list = this.byBase.get(b);
      if (list) list.push(path);
      else this.byBase.set(b, [path]);
      this.cache.clear();
    }
    if (blob) this.blobs.set(path, blob);
    if (size) this.sizes.set(path, size);
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  resolve(ref: string, fromDir: string): string | null {
    if (this.paths.size === 0) return null;
    const key = `${fromDir}\n${ref}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const found = this.find(ref, fromDir);
    // Items mostly name images of their own: keep the cache from growing without bound
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }

  private find(ref: string, fromDir: string): string | null {
    if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref)) return null; // empty, or a URL
    const joined = normPath(`${fromDir}/${ref}`);
    if (this.paths.has(joined)) return joined;
    const plain = normPath(ref);
    if (this.paths.has(plain)) return plain;
    const segs = ref.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.' && s !== '..');
    const candidates = this.byBase.get(segs[segs.length - 1] ?? '');
    if (!candidates) return null;
    const dirSegs = fromDir ? fromDir.split('/') : [];
    let best: string | null = null;
    let bestSuffix = -1;
    let bestNear = -1;
    for (const c of candidates) {
      const cs = c.split('/');
      let suffix = 0;
      while (suffix < segs.length && suffix < cs.length && cs[cs.length - 1 - suffix] === segs[segs.length - 1 - suffix]) suffix++;
      let near = 0;
      while (near < dirSegs.length && near < cs.length - 1 && cs[near] === dirSegs[near]) near++;
      if (suffix > bestSuffix || (suffix === bestSuffix && near > bestNear)) {
        best = c;
        bestSuffix = suffix;
        bestNear = near;
      }
    }
    return best;
  }

  /**
   * The image's size: known, else read from its first bytes (4 KB, then 64 KB: cheap for PNG,
   * WebP and most JPEGs), cached; the whole file only when `thorough` and the head was not enough.
   */
  async size(path: string, thorough = false): Promise<ImageSize | undefined> {
    const known = this.sizes.get(path);
    if (known) {
      const s = await known;
      if (s || !thorough) return s;
    } else if (this.sizes.has(path) && !thorough) return undefined;
    const blob = this.blobs.get(path);
    if (!blob) return undefined;
    const headTried = this.sizes.has(path);
    const p = (async () => {
      let s: ImageSize | undefined;
      if (!headTried) {
        for (const n of HEAD_STEPS) {
          s = sizeFromBytes(await headBytes(blob, n));
          if (s || blob.size <= n) break;
        }
      }
      if (!s && thorough && blob.size > HEAD_STEPS[HEAD_STEPS.length - 1]) s = sizeFromBytes(new Uint8Array(await blob.arrayBuffer()));
      return s;
    })();
    this.sizes.set(path, p);
    const s = await p;
    this.sizes.set(path, s);
    return s;
  }
}

/** Whether a record carries marks of its own (`spatial_lens.marks`), to be checked against its images' sizes. */
const carriesMarks = (record: unknown): boolean => {
  const sl = (record as { spatial_lens?: { marks?: unknown } } | null)?.spatial_lens;
  return Array.isArray(sl?.marks) && sl.marks.length > 0;
};

const tooLongMessage = (chars: number, value: boolean, max: number) =>
  `this ${value ? 'value' : 'line'} is ${millions(chars)} characters long; the limit is ${millions(max)} (a QA record is about a thousand), so it was skipped unread`;
const millions = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(1)} million` : n.toLocaleString('en-US'));

const abortError = () => {
  const e = new Error('The import was cancelled.');
  e.name = 'AbortError';
  return e;
};

const emptyBatch = (): ImportBatch => ({ items: [], images: [], scenes: [], problems: [], missing: [] });
const batchIsEmpty = (b: ImportBatch) => !b.items.length && !b.images.length && !b.scenes.length && !b.problems.length && !b.missing.length;

/**
 * Imports dropped files, yielding batches as it goes; the generator's return value is the summary.
 *
 * Every problem is reported and the rest imported: a bad line (malformed JSON, wrong shape), a
 * duplicate id (in the import, or already in the project: the later record is skipped), an
 * unreadable file, a refused zip entry. Items whose images are found neither in this import nor
 * among `existingImages` are imported with the `missing-image` flag and listed in `missing`.
 */
export async function* importFiles(files: readonly ImportFile[], opts: ImportOptions = {}): AsyncGenerator<ImportBatch, ImportSummary, void> {
  const t0 = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 2000);
  const progress = opts.onProgress ?? (() => undefined);
  const checkAbort = () => {
    if (opts.signal?.aborted) throw abortError();
  };
  const summary: ImportSummary = {
    items: 0,
    images: 0,
    imagesReused: 0,
    scenes: 0,
    byLayout: { 'spatial-lens': 0, spar7m: 0, 'spar-bench': 0 },
    badRecords: 0,
    duplicates: 0,
    existing: 0,
    missingImages: 0,
    problems: 0,
    skipped: [],
    exports: [],
    ms: 0,
  };
  let batch = emptyBatch();
  const take = (): ImportBatch => {
    const b = batch;
    batch = emptyBatch();
    return b;
  };
  const problem = (p: ImportProblem) => {
    summary.problems++;
    batch.problems.push(p);
  };

  // 1. Classify every file (by name, else by its first bytes), unpacking zips (nested ones too,
  //    to maxZipDepth) into the same list; dot files and __MACOSX are passed over quietly
  const byKind = new Map<Kind, ImportFile[]>();
  const queue: { file: ImportFile; depth: number }[] = [];
  const asks: ExportCheck[] = [];
  // Exports imported despite changes: what their items are flagged by
  const modified = { paths: new Set<string>(), items: new Set<string>(), zips: [] as string[] };
  const enqueue = (f: ImportFile, depth: number) => {
    const path = normPath(f.path);
    if (isIgnoredPath(path)) summary.skipped.push(path);
    else queue.push({ file: { path, blob: f.blob }, depth });
  };
  for (const f of files) enqueue(f, 0);
  let zipTotal = queue.reduce((n, q) => n + (extOf(q.file.path) === 'zip' ? q.file.blob.size : 0), 0);
  let zipDone = 0;
  for (let i = 0; i < queue.length; i++) {
    const { file, depth } = queue[i];
    const kind = await kindOf(file);
    if (kind !== 'zip') {
      (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(file);
      continue;
    }
    checkAbort();
    if (depth >= (opts.maxZipDepth ?? 3)) {
      problem({ file: file.path, message: 'a zip nested this deep was not unpacked', kind: 'zip-entry' });
      continue;
    }
    if (extOf(file.path) !== 'zip' || depth > 0) zipTotal += file.blob.size;
    const base = zipDone;
    const contents = await readZip(file.blob, file.path, { onBytes: (n) => progress(base + n, zipTotal, 'unzip') });
    zipDone += file.blob.size;
    for (const p of contents.problems) problem({ file: p.file, message: p.message, kind: 'zip-entry' });
    summary.skipped.push(...contents.skipped);
    // a project backup holds stored rows, not items: it is restored, not imported
    const backup = contents.entries.find((e) => e.path === `${file.path}/backup.json`);
    if (backup && (await kindOf(backup)) === 'backup') {
      problem({ file: file.path, message: 'this zip is a whole-project backup: bring it back with Restore…; nothing in it was imported', kind: 'ignored' });
      continue;
    }
    progress(0, 1, 'verify');
    const check = await checkExport(file.path, new Map(contents.entries.map((e) => [e.path, e.blob])), contents.times);
    if (check) {
      summary.exports.push(check);
      if (exportModified(check)) {
        const policy = opts.modifiedExports ?? 'ask';
        if (policy === 'ask') {
          asks.push(check);
          continue;
        }
        if (policy === 'refuse') {
          problem({ file: file.path, message: 'changed after it was exported (listed below); nothing in it was imported', kind: 'ignored' });
          for (const f of check.files) problem({ file: f.path, message: f.message, kind: 'zip-entry' });
          for (const m of check.consistency) problem({ file: file.path, message: m, kind: 'zip-entry' });
          continue;
        }
        for (const p of check.modifiedPaths) modified.paths.add(p);
        for (const id of check.modifiedItems) modified.items.add(id);
        if (check.allItems) modified.zips.push(`${file.path}/`);
      }
    }
    for (const e of contents.entries) enqueue(e, depth + 1);
  }
  queue.length = 0;
  if (asks.length) throw new ExportModifiedError(asks);
  const isModified = (file: string, appId: string, images: readonly (string | null)[]) =>
    modified.paths.has(file) || modified.items.has(appId) || images.some((p) => p !== null && modified.paths.has(p)) || modified.zips.some((z) => file.startsWith(z));

  for (const f of byKind.get('export-meta') ?? []) summary.skipped.push(f.path);
  for (const f of byKind.get('backup') ?? [])
    problem({ file: f.path, message: 'this is the header of a whole-project backup: bring the backup zip back with Restore…', kind: 'ignored' });
  for (const f of byKind.get('unknown') ?? [])
    problem({ file: f.path, message: 'not an item file (.jsonl, .json, .parquet), image (.jpg, .png, .webp), scene (.scene.json) or zip; ignored', kind: 'ignored' });

  // Camera text files are read when a record needs them; a refused one is reported once
  const cameras = new CameraFiles(byKind.get('camera') ?? [], (file, message) => problem({ file, message, kind: 'file' }));

  const index = new ImageIndex();
  const existing = opts.existingImages;
  if (existing) {
    if (existing instanceof Map) for (const [p, s] of existing) index.add(p, undefined, s);
    else for (const p of existing as ReadonlySet<string>) index.add(p);
  }
  const imageFiles = byKind.get('image') ?? [];
  for (const f of imageFiles) index.add(f.path, f.blob);
  // Content-addressed: an image whose bytes the project holds already (a re-imported export) is not
  // stored again; items naming it point at the stored copy. Within one drop every path is kept (an
  // item names the file it names, even when two files are equal).
  const byHash = opts.existingImageHashes ?? new Map<string, string>();
  const alias = new Map<string, string>();
  const CONCURRENCY = 16;
  for (let i = 0; i < imageFiles.length; i += CONCURRENCY) {
    checkAbort();
    const group = imageFiles.slice(i, i + CONCURRENCY);
    const [sizes, hashes] = await Promise.all([Promise.all(group.map((f) => index.size(f.path))), Promise.all(group.map((f) => sha256Blob(f.blob)))]);
    group.forEach((f, k) => {
      const s = sizes[k];
      const sha256 = hashes[k];
      const stored = byHash.get(sha256);
      if (stored !== undefined) {
        if (stored !== f.path) alias.set(f.path, stored);
        summary.imagesReused++;
        return;
      }
      batch.images.push(s ? { path: f.path, blob: f.blob, width: s.width, height: s.height, sha256 } : { path: f.path, blob: f.blob, sha256 });
      summary.images++;
    });
    progress(Math.min(imageFiles.length, i + CONCURRENCY), imageFiles.length, 'images');
    if (batch.images.length >= batchSize) yield take();
  }

  // 3. Scenes
  const scenes = [...(byKind.get('scene') ?? [])];
  const jsonFiles: ImportFile[] = [];
  for (const f of byKind.get('json') ?? []) {
    const head = new TextDecoder().decode(await headBytes(f.blob, 4096));
    if (/"schema"\s*:\s*"spatial-lens\/scene@/.test(head) && !/"spatial_lens"/.test(head)) scenes.push(f);
    else jsonFiles.push(f);
  }
  for (let i = 0; i < scenes.length; i++) {
    checkAbort();
    const f = scenes[i];
    try {
      batch.scenes.push({ path: f.path, scene: parseScene(await f.blob.text(), f.path) });
      summary.scenes++;
    } catch (e) {
      problem({ file: f.path, message: (e as Error).message, kind: 'file' });
    }
    progress(i + 1, scenes.length, 'scenes');
  }
  if (!batchIsEmpty(batch)) yield take();

  // 4. Items: parquet first (their embedded images become project images), then JSONL / JSON
  const parquets = byKind.get('parquet') ?? [];
  const lineFiles = [...(byKind.get('jsonl') ?? []).map((f) => ({ f, values: false })), ...jsonFiles.map((f) => ({ f, values: true }))];
  const itemsTotal = [...parquets, ...lineFiles.map((x) => x.f)].reduce((n, f) => n + f.blob.size, 0);
  await opts.onItemFiles?.([...parquets.map((f) => ({ ...f, kind: 'parquet' as const })), ...lineFiles.map(({ f, values }) => ({ ...f, kind: values ? ('json' as const) : ('jsonl' as const) }))]);
  let itemsBase = 0;
  const seen = new Map<string, number>();
  const existingIds = opts.existingIds;
  const lineOpts = { maxChars: opts.maxLineChars };

  type Embedded = { images: EmbeddedImage[]; originalImagePaths?: (string | undefined)[] };
  const bad = (file: string, line: number, e: unknown) => {
    summary.badRecords++;
    problem({ file, line, message: (e as Error).message, kind: 'line' });
  };

  /** Import a record whose images are resolved (and sized, where marks need it); check duplicates; add to the batch. */
  const accept = (record: unknown, file: string, line: number, resolved: (string | null)[], embedded: Embedded | undefined, imageSizes?: (ImageSize | undefined)[], cameraNotes?: string[]) => {
    let imported: ImportedRecord;
    try {
      imported = importRecord(record, { file, line, imageSizes, originalImagePaths: embedded?.originalImagePaths });
    } catch (e) {
      bad(file, line, e);
      return;
    }
    const source = imported.item.spatial_lens.source as ItemSource | undefined;
    if (cameraNotes?.length && source) source.cameraNotes = cameraNotes;
    const { appId } = imported;
    if (existingIds?.has(appId)) {
      summary.duplicates++;
      summary.existing++;
      problem({ file, line, message: `id ${JSON.stringify(imported.item.id)} is already in the project (${appId}); this record was skipped`, kind: 'duplicate' });
      return;
    }
    const first = seen.get(appId);
    if (first) {
      summary.duplicates++;
      problem({ file, line, message: `id ${JSON.stringify(imported.item.id)} was already imported from line ${first} of this file; this later record (line ${line}) was skipped`, kind: 'duplicate' });
      return;
    }
    seen.set(appId, line);
    // Embedded images of a kept record become project images
    for (const im of embedded?.images ?? []) {
      const blob = new Blob([im.bytes as Uint8Array<ArrayBuffer>]);
      const s = sizeFromBytes(im.bytes);
      index.add(im.path, blob, s);
      batch.images.push(s ? { path: im.path, blob, width: s.width, height: s.height } : { path: im.path, blob });
      summary.images++;
    }
    const flags = imported.flags;
    if (isModified(file, appId, resolved)) flags.push('modified-after-export');
    // marks are checked against the sizes they were read with (SPAR-7M's 0–1000 scale), else the images' own
    const scale = (imported.item.spatial_lens.source as ItemSource | undefined)?.markScale;
    flags.push(...markFlags(imported.item.spatial_lens.marks, imported.layout === 'spar7m' && scale ? scale : (imageSizes ?? [])));
    const missingRefs = imported.item.image.filter((_, i) => !resolved[i]);
    if (missingRefs.length) {
      flags.unshift('missing-image');
      batch.missing.push({ appId, file, line, images: missingRefs });
      summary.missingImages++;
    }
    const out: ImportedItem = { appId, item: imported.item, flags, imagePaths: resolved };
    if (imported.review) out.review = imported.review;
    batch.items.push(out);
    summary.items++;
    summary.byLayout[imported.layout]++;
  };

  /**
   * One parsed record. Synchronous unless a SPAR-7M record's marks need the size of an image not
   * yet read (then a promise to await), so that 100k lines cost no 100k awaits.
   */
  const handle = (record: unknown, file: string, line: number, embedded?: Embedded): Promise<void> | void => {
    const dir = dirOf(file);
    const byPath = embedded?.images.length ? new Map(embedded.images.map((im) => [im.path, im])) : undefined;
    let resolved: (string | null)[];
    let needSizes: boolean;
    let layout: SourceLayout;
    try {
      layout = detectLayout(record);
      resolved = recordImages(record).map((r) => {
        if (byPath?.has(r)) return r;
        const p = index.resolve(r, dir);
        return p === null ? null : (alias.get(p) ?? p);
      });
      needSizes = resolved.some((p) => p !== null) && (layout === 'spar7m' ? spar7mHasMarks(record) : carriesMarks(record));
    } catch (e) {
      bad(file, line, e);
      return;
    }
    const go = (rec: unknown, notes?: string[]): Promise<void> | void => {
      if (!needSizes) return accept(rec, file, line, resolved, embedded, undefined, notes);
      return Promise.all(
        resolved.map((p) => {
          if (!p) return undefined;
          const em = byPath?.get(p);
          return em ? sizeFromBytes(em.bytes) : index.size(p, true);
        }),
      ).then((sizes) => accept(rec, file, line, resolved, embedded, sizes, notes));
    };
    // a SPAR-7M record names no camera: its images' camera files are found by the folder layout
    if (cameras.size && layout === 'spar7m') return cameras.attach(record, resolved).then((a) => go(a.record, a.notes));
    return go(record);
  };
  const full = () => batch.items.length >= batchSize || batch.images.length >= batchSize || batch.problems.length >= batchSize;

  for (const f of parquets) {
    checkAbort();
    const size = f.blob.size;
    try {
      for await (const chunk of readParquetRows(f.blob, f.path)) {
        for (const r of chunk.rows) {
          checkAbort();
          const pending = handle(r.record, f.path, r.row + 1, { images: r.images, originalImagePaths: r.originalImagePaths });
          if (pending) await pending;
          if (full()) yield take();
        }
        progress(itemsBase + (chunk.numRows ? (size * chunk.rowEnd) / chunk.numRows : size), itemsTotal, 'items');
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      problem({ file: f.path, message: (e as Error).message, kind: 'file' });
    }
    itemsBase += size;
    progress(itemsBase, itemsTotal, 'items');
  }

  for (const { f, values } of lineFiles) {
    checkAbort();
    if (f.blob.size === 0) {
      problem({ file: f.path, message: 'the file is empty (0 bytes): there is nothing in it to import', kind: 'file' });
      continue;
    }
    let records = 0;
    let readFailed = false;
    try {
      const source = values ? jsonValueChunks(f.blob, lineOpts) : jsonlLineChunks(f.blob, lineOpts);
      for await (const lines of source) {
        checkAbort();
        for (const { line, text, tooLong } of lines) {
          records++;
          if (tooLong !== undefined) {
            bad(f.path, line, new Error(tooLongMessage(tooLong, values, lineOpts.maxChars ?? MAX_LINE_CHARS)));
            if (full()) yield take();
            continue;
          }
          let record: unknown;
          try {
            record = JSON.parse(text);
          } catch (e) {
            bad(f.path, line, new Error(`not valid JSON: ${jsonProblem(text, e)}`));
            if (full()) yield take();
            continue;
          }
          const pending = handle(record, f.path, line);
          if (pending) await pending;
          if (full()) yield take();
        }
        progress(itemsBase + lines[lines.length - 1].bytesRead, itemsTotal, 'items');
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      problem({ file: f.path, message: `could not be read to its end (${(e as Error).message})`, kind: 'file' });
      readFailed = true;
    }
    if (records === 0 && !readFailed) problem({ file: f.path, message: `the file holds only ${values ? 'white space' : 'blank lines'} (${f.blob.size} bytes): there is nothing in it to import`, kind: 'file' });
    itemsBase += f.blob.size;
    progress(itemsBase, itemsTotal, 'items');
  }
  if (!batchIsEmpty(batch)) yield take();
  summary.ms = Date.now() - t0;
  progress(1, 1, 'done');
  return summary;
}

export interface ImportResult extends ImportBatch {
  summary: ImportSummary;
}

/** The whole import at once (tests, small drops): every batch concatenated, and the summary. */
export async function importAll(files: readonly ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const all: ImportBatch = emptyBatch();
  const gen = importFiles(files, opts);
  for (;;) {
    const r = await gen.next();
    if (r.done) return { ...all, summary: r.value };
    const b = r.value;
    for (const k of ['items', 'images', 'scenes', 'problems', 'missing'] as const) (all[k] as unknown[]).push(...b[k]);
  }
}
