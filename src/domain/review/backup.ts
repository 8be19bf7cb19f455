// A whole project as one zip, to move it to another browser or keep it safe:
//   backup.json       {schema: 'spatial-lens/backup@1', project, createdAt, counts, files}
//   items.jsonl       stored rows {id, seq, scene, task, flags, assignees?, item}
//   decisions.jsonl   every StoredDecision of the log, undo records included, with their keys
//   scenes.jsonl      {id, data, blobs: {name: {file, type, bytes}}} per scene; blobs under scenes/
//   images.jsonl      {path, file, type, bytes, width?, height?} per image; blobs under images/
//   views.jsonl       saved queue views
// Streamed like the export (exportBundle.ts): blobs go into the zip as they come, the JSONL files are
// deflated on the side and written at the end, backup.json last, with every file's SHA-256.
import { dict } from '../dict';
import { backupHeaderProblem, checkBackupRows } from './backupRecords';
import { UserError } from '../errors';
import type { QAItem } from '../qa/types';
import { type ChunkSink, type FileEntry, type Source, ZipWriter, checkSchema, parseJsonl, safeName, safeZipPath, streamOf, verifiedFiles } from './exportBundle';
import type { ItemFlag, StoredDecision } from './types';

export const BACKUP_SCHEMA = 'spatial-lens/backup@1';

export interface BackupItem {
  id: string;
  seq: number;
  scene: string;
  task: string;
  flags?: ItemFlag[];
  assignees?: string[];
  item: QAItem;
}

export interface BackupProject {
  id: string;
  name?: string;
  createdAt?: string;
  [extra: string]: unknown;
}

/** A scene: its JSON-safe fields in `data`, its binary parts (photo, depth…) by name in `blobs`. */
export interface BackupScene {
  id: string;
  data: Record<string, unknown>;
  blobs?: Record<string, Blob | Uint8Array>;
}

export interface BackupImage {
  path: string;
  blob: Blob | Uint8Array;
  width?: number;
  height?: number;
}

export interface BackupInput {
  project: BackupProject;
  items: Source<BackupItem>;
  decisions: Source<StoredDecision>;
  scenes?: Source<BackupScene>;
  images?: Source<BackupImage>;
  views?: Source<Record<string, unknown>>;
  /** ISO time; default now. */
  createdAt?: string;
}

export interface BackupCounts {
  items: number;
  decisions: number;
  scenes: number;
  images: number;
  views: number;
}

export interface BackupHeader {
  schema: typeof BACKUP_SCHEMA;
  project: BackupProject;
  createdAt: string;
  counts: BackupCounts;
  files: FileEntry[];
}

interface BlobRef {
  file: string;
  type: string;
  bytes: number;
}

const typeOf = (b: Blob | Uint8Array) => (b instanceof Uint8Array ? '' : b.type);
const sizeOf = (b: Blob | Uint8Array) => (b instanceof Uint8Array ? b.length : b.size);

/** Writes the backup zip to `sink`; resolves with backup.json's content. */
export async function writeBackup(input: BackupInput, sink: ChunkSink): Promise<BackupHeader> {
  const createdAt = input.createdAt ?? new Date().toISOString();
  const zw = new ZipWriter(sink, new Date(createdAt));
  const counts: BackupCounts = { items: 0, decisions: 0, scenes: 0, images: 0, views: 0 };
  // Fixed order of the JSONL files in the zip, whatever arrives first.
  const items = zw.text('items.jsonl');
  const decisions = zw.text('decisions.jsonl');
  const scenes = zw.text('scenes.jsonl');
  const images = zw.text('images.jsonl');
  const views = zw.text('views.jsonl');

  for await (const r of input.items) {
    const row: BackupItem = { id: r.id, seq: r.seq, scene: r.scene, task: r.task, flags: r.flags ?? [], item: r.item };
    if (r.assignees) row.assignees = r.assignees;
    items.write(`${JSON.stringify(row)}\n`);
    counts.items++;
  }
  for await (const d of input.decisions) {
    if (typeof d.key !== 'number') throw new Error(`writeBackup: decision ${d.uid} has no log key; back up stored decisions only.`);
    decisions.write(`${JSON.stringify(d)}\n`);
    counts.decisions++;
  }
  if (input.scenes)
    for await (const s of input.scenes) {
      const dir = `scenes/${counts.scenes}-${safeName(s.id)}`;
      const blobs = dict<BlobRef>();
      for (const [name, b] of Object.entries(s.blobs ?? {})) {
        const file = `${dir}/${safeName(name)}`;
        await zw.addFile(file, b);
        blobs[name] = { file, type: typeOf(b), bytes: sizeOf(b) };
      }
      scenes.write(`${JSON.stringify({ id: s.id, data: s.data, blobs })}\n`);
      counts.scenes++;
    }
  if (input.images)
    for await (const im of input.images) {
      let file = `images/${safeZipPath(im.path)}`;
      for (let k = 1; zw.has(file); k++) file = `images/${safeZipPath(im.path)}~${k}`;
      await zw.addFile(file, im.blob);
      const line: Record<string, unknown> = { path: im.path, file, type: typeOf(im.blob), bytes: sizeOf(im.blob) };
      if (im.width !== undefined) line.width = im.width;
      if (im.height !== undefined) line.height = im.height;
      images.write(`${JSON.stringify(line)}\n`);
      counts.images++;
    }
  if (input.views)
    for await (const v of input.views) {
      views.write(`${JSON.stringify(v)}\n`);
      counts.views++;
    }
  await zw.closeTexts();
  const header: BackupHeader = { schema: BACKUP_SCHEMA, project: input.project, createdAt, counts, files: zw.files.slice() };
  await zw.addFile('backup.json', `${JSON.stringify(header, null, 2)}\n`);
  await zw.end();
  return header;
}

/** The backup as a ReadableStream; `header` resolves when it is complete. */
export function backupStream(input: BackupInput): { stream: ReadableStream<Uint8Array>; header: Promise<BackupHeader> } {
  const { stream, done } = streamOf((sink) => writeBackup(input, sink));
  return { stream, header: done };
}

export interface RestoredBlob {
  bytes: Uint8Array;
  /** MIME type as the Blob had it ('' when unknown or given as bytes). */
  type: string;
}

export interface RestoredScene {
  id: string;
  data: Record<string, unknown>;
  blobs: Record<string, RestoredBlob>;
}

export interface RestoredImage extends RestoredBlob {
  path: string;
  width?: number;
  height?: number;
}

export interface BackupData {
  header: BackupHeader;
  project: BackupProject;
  createdAt: string;
  items: BackupItem[];
  decisions: StoredDecision[];
  scenes: RestoredScene[];
  images: RestoredImage[];
  views: Record<string, unknown>[];
}

/**
 * Reads a backup zip: checks that it is one, that its schema version is one this version reads
 * (an unknown version is refused with a UserError saying so), and every file's size and SHA-256.
 */
export async function readBackup(zip: Blob | Uint8Array | ArrayBuffer): Promise<BackupData> {
  const { all, meta } = await verifiedFiles(zip, 'backup.json', (m) => {
    checkSchema((m as { schema?: unknown })?.schema, 'backup', 1, 'backup');
    const why = backupHeaderProblem(m);
    if (why) throw new UserError(`backup.json cannot be used: ${why} (was it cut short or edited by hand?). Nothing was restored.`, 'backup-header');
    const files = (m as BackupHeader).files;
    if (!Array.isArray(files)) throw new UserError('backup.json lists no files.', 'backup-header');
    return files;
  });
  const header = meta as BackupHeader;
  const jsonl = (path: string) => {
    const bytes = all.get(path);
    return bytes ? parseJsonl(bytes, path) : [];
  };
  const blob = (ref: BlobRef, what: string): RestoredBlob => {
    const bytes = all.get(ref.file);
    if (!bytes) throw new UserError(`The backup names ${ref.file} for ${what}, but the zip does not hold it.`, 'backup-missing-file');
    return { bytes, type: ref.type ?? '' };
  };
  for (const path of ['items.jsonl', 'decisions.jsonl', 'scenes.jsonl', 'images.jsonl', 'views.jsonl'] as const) checkBackupRows(path, jsonl(path));
  const items = jsonl('items.jsonl') as unknown as BackupItem[];
  const decisions = jsonl('decisions.jsonl') as unknown as StoredDecision[];
  const scenes = jsonl('scenes.jsonl').map((s) => {
    const refs = (s.blobs ?? {}) as Record<string, BlobRef>;
    const blobs = dict<RestoredBlob>();
    for (const [name, ref] of Object.entries(refs)) blobs[name] = blob(ref, `scene ${String(s.id)}`);
    return { id: String(s.id), data: (s.data ?? {}) as Record<string, unknown>, blobs };
  });
  const images = jsonl('images.jsonl').map((l) => {
    const r: RestoredImage = { path: String(l.path), ...blob(l as unknown as BlobRef, `image ${String(l.path)}`) };
    if (typeof l.width === 'number') r.width = l.width;
    if (typeof l.height === 'number') r.height = l.height;
    return r;
  });
  const views = jsonl('views.jsonl');
  const c = header.counts;
  const got: BackupCounts = { items: items.length, decisions: decisions.length, scenes: scenes.length, images: images.length, views: views.length };
  if (c) {
    const off = (Object.keys(got) as (keyof BackupCounts)[]).filter((k) => typeof c[k] === 'number' && c[k] !== got[k]);
    if (off.length) throw new UserError(`The backup is incomplete: ${off.map((k) => `${k} ${got[k]} of ${c[k]}`).join(', ')}.`, 'backup-counts');
  }
  return { header, project: header.project, createdAt: header.createdAt, items, decisions, scenes, images, views };
}
