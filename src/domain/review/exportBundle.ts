// The export zip (docs/formats.md, review decision: JSONL plus image and scene files, whatever the source format was),
// written as a stream so that 100k items never become one string or one buffer:
//   items/<layout>.jsonl   one record per line, as the caller's recordOf makes them
//   images/<path>          each image once, stored (JPEG/PNG are compressed already)
//   scenes/<path>          scene files, when given
//   summary.csv            one line per item (csv.ts)
//   manifest.json          schema, time, filter, counts, and every file's size and SHA-256
//
// How the stream stays small: fflate's Zip emits files strictly one after another and holds back
// (in memory) whatever a later file produces while an earlier one is still open. So binary files are
// added whole, one at a time, as they come (nothing is held back), while the text files (one JSONL per
// layout, the CSV) are deflated as they grow into a compressed buffer of their own — a fraction of
// their size — and written into the zip, already compressed, at the end. Their SHA-256 is computed
// incrementally (WebCrypto has no streaming digest); whole binary files use crypto.subtle.
//
// Limits (fflate writes no Zip64): at most 65,535 files and 4 GiB per zip; going past either throws a
// UserError before the zip is damaged, telling the user to export less at once.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Deflate, type ZipInputFile, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { dict } from '../dict';
import { UserError } from '../errors';
import { sha256Hex } from '../formats/hash';
import type { QAItem } from '../qa/types';
import { summaryHeader, summaryLine, summaryRow } from './csv';
import { readZip } from './import/zipEntries';
import type { StoredDecision } from './types';

// ---------------------------------------------------------------- hashing

/** Incremental SHA-256 for files written piece by piece (WebCrypto hashes whole buffers only). */
export class Sha256 {
  private readonly h = sha256.create();
  update(data: Uint8Array): this {
    this.h.update(data);
    return this;
  }
  hex(): string {
    return bytesToHex(this.h.digest());
  }
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (ISO-HDLC, as ZIP uses), incrementally: pass the previous value (initially 0). */
export function crc32(data: Uint8Array, prev = 0): number {
  let c = ~prev;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 255] ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------- streaming zip

/** Receives the zip's bytes in order. May return a promise: the writer waits for it (back-pressure). */
export type ChunkSink = (chunk: Uint8Array) => void | Promise<void>;
/** A file as listed in a manifest: path in the zip, size in bytes (uncompressed), SHA-256 hex. */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}
export type Source<T> = Iterable<T> | AsyncIterable<T>;
export type FileData = Blob | Uint8Array | string;

const MAX_ENTRIES = 65535;
const MAX_OFFSET = 0xffffffff;
const COMPRESSED_TYPE = /^(image\/(jpeg|png|webp|gif|avif|heic)|video\/|application\/(zip|gzip))/i;
const STORED_EXT = /\.(jpe?g|png|webp|gif|avif|heic|zip|gz|mp4|webm|7z|br|zst)$/i;

const enc = new TextEncoder();

/** A path safe inside a zip: forward slashes, no empty, `.` or `..` segments, no control characters. */
export function safeZipPath(p: string): string {
  const parts = p
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '_'))
    .filter((s) => s !== '' && s !== '.')
    .map((s) => (s === '..' ? '__' : s));
  return parts.length ? parts.join('/') : '_';
}

/** A single file-name segment: letters, digits, `.`, `_`, `-` (others become `_`). */
export const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';

async function bytesOf(d: FileData): Promise<Uint8Array> {
  if (typeof d === 'string') return enc.encode(d);
  if (d instanceof Uint8Array) return d;
  return new Uint8Array(await d.arrayBuffer());
}

/**
 * A text file written line by line, deflated as it grows, and put in the zip when closed. The
 * browser's own deflate (CompressionStream, native zlib) does the work where there is one: in the
 * review worker it is several times faster than deflate in JavaScript; fflate stands in elsewhere.
 */
export class TextEntry {
  private pending: string[] = [];
  private pendingLen = 0;
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private readonly sha = new Sha256();
  private readonly sink: { push(u: Uint8Array): void; end(): Promise<void> };
  private crc = 0;
  private size = 0;
  closed = false;

  constructor(readonly path: string) {
    if (typeof CompressionStream === 'function') {
      const cs = new CompressionStream('deflate-raw');
      const writer = cs.writable.getWriter();
      const reader = cs.readable.getReader();
      const read = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          this.chunks.push(value as Uint8Array<ArrayBuffer>);
        }
      })();
      this.sink = {
        // a failed write fails close() too, where it is reported
        push: (u) => void writer.write(u as Uint8Array<ArrayBuffer>).catch(() => undefined),
        end: async () => {
          await writer.close();
          await read;
        },
      };
    } else {
      const deflate = new Deflate({ level: 1 }, (c) => this.chunks.push(c));
      this.sink = {
        push: (u) => deflate.push(u, false),
        end: async () => deflate.push(new Uint8Array(0), true),
      };
    }
  }

  write(s: string): void {
    if (this.closed) throw new Error(`${this.path} is already closed`);
    this.pending.push(s);
    this.pendingLen += s.length;
    if (this.pendingLen >= 1 << 16) this.flush();
  }

  /** Bytes of (uncompressed) text so far. */
  get bytes(): number {
    return this.size + this.pendingLen;
  }

  private flush(): void {
    if (!this.pendingLen) return;
    const u = enc.encode(this.pending.join(''));
    this.pending = [];
    this.pendingLen = 0;
    this.sha.update(u);
    this.crc = crc32(u, this.crc);
    this.size += u.length;
    this.sink.push(u);
  }

  /** Ends the text; returns the compressed chunks and what the zip and the manifest need. */
  async finish(): Promise<{ chunks: Uint8Array<ArrayBuffer>[]; crc: number; size: number; sha256: string }> {
    this.flush();
    this.closed = true;
    await this.sink.end();
    return { chunks: this.chunks, crc: this.crc, size: this.size, sha256: this.sha.hex() };
  }
}

/**
 * A zip written to a sink as files are added. Add whole files with `addFile` (written at once) and
 * grow text files with `text(path).write(...)` (written, compressed, by `closeText` or `end`).
 */
export class ZipWriter {
  readonly files: FileEntry[] = [];
  private readonly zip: Zip;
  private out: Uint8Array[] = [];
  private error: unknown = null;
  private readonly names = new Set<string>();
  private readonly texts = new Map<string, TextEntry>();
  private written = 0;
  private entries = 0;
  private ended = false;

  constructor(
    private readonly sink: ChunkSink,
    private readonly mtime: Date = new Date(),
  ) {
    this.zip = new Zip((err, chunk) => {
      if (err) this.error ??= err;
      else if (chunk) {
        this.written += chunk.length;
        this.out.push(chunk);
      }
    });
  }

  private claim(path: string): void {
    if (this.ended) throw new Error('ZipWriter: the zip is already finished');
    if (this.names.has(path)) throw new Error(`ZipWriter: ${path} is already in the zip`);
    if (++this.entries > MAX_ENTRIES) throw new UserError(`Too many files for one zip (more than ${MAX_ENTRIES}). Export fewer items at once (filter the queue) or leave the images out.`, 'zip-too-many-files');
    this.names.add(path);
  }

  private async drain(): Promise<void> {
    if (this.error) throw this.error;
    while (this.out.length) {
      const batch = this.out;
      this.out = [];
      for (const c of batch) await this.sink(c);
    }
    if (this.written > MAX_OFFSET) throw new UserError('The zip would be larger than 4 GiB, more than a zip without Zip64 can hold. Export fewer items at once (filter the queue) or leave the images out.', 'zip-too-large');
  }

  has(path: string): boolean {
    return this.names.has(path);
  }

  /** Adds a whole file now. Compressed unless its extension says it is compressed already (or `compress` says otherwise). */
  async addFile(path: string, data: FileData, opts: { compress?: boolean } = {}): Promise<FileEntry> {
    this.claim(path);
    const bytes = await bytesOf(data);
    const sha256 = await sha256Hex(bytes);
    const compress = opts.compress ?? !(STORED_EXT.test(path) || (typeof data === 'object' && !(data instanceof Uint8Array) && COMPRESSED_TYPE.test(data.type)));
    const f = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    f.mtime = this.mtime;
    this.zip.add(f);
    f.push(bytes, true);
    const entry = { path, bytes: bytes.length, sha256 };
    this.files.push(entry);
    await this.drain();
    return entry;
  }

  /** The text file at `path`, opened on first use. */
  text(path: string): TextEntry {
    let t = this.texts.get(path);
    if (!t) {
      this.claim(path);
      this.texts.set(path, (t = new TextEntry(path)));
    }
    return t;
  }

  /** Puts a text file into the zip now (already compressed) and lists it. */
  async closeText(path: string): Promise<FileEntry> {
    const t = this.texts.get(path);
    if (!t || t.closed) throw new Error(`ZipWriter: no open text file ${path}`);
    const r = await t.finish();
    const f: ZipInputFile = { filename: path, size: r.size, crc: r.crc, compression: 8, flag: 0, mtime: this.mtime };
    this.zip.add(f);
    const ondata = f.ondata!;
    for (const c of r.chunks) ondata(null, c, false);
    ondata(null, new Uint8Array(0), true);
    const entry = { path, bytes: r.size, sha256: r.sha256 };
    this.files.push(entry);
    await this.drain();
    return entry;
  }

  /** Closes the text files still open, in the order they were opened. */
  async closeTexts(): Promise<void> {
    for (const [p, t] of this.texts) if (!t.closed) await this.closeText(p);
  }

  /** Writes the central directory. Call after the last file. */
  async end(): Promise<void> {
    await this.closeTexts();
    this.ended = true;
    this.zip.end();
    await this.drain();
  }
}

/**
 * Runs `write` with a sink feeding a ReadableStream (back-pressured: the writer waits for the
 * reader). Returns the stream and `write`'s result; a failure errors the stream and rejects `done`.
 */
export function streamOf<T>(write: (sink: ChunkSink) => Promise<T>): { stream: ReadableStream<Uint8Array>; done: Promise<T> } {
  const ts = new TransformStream<Uint8Array, Uint8Array>();
  const w = ts.writable.getWriter();
  const done = write(async (c) => {
    await w.ready;
    await w.write(c);
  }).then(
    async (v) => {
      await w.close();
      return v;
    },
    async (e) => {
      await w.abort(e).catch(() => {});
      throw e;
    },
  );
  done.catch(() => {}); // the stream carries the error too; avoid an unhandled rejection if only the stream is read
  return { stream: ts.readable, done };
}

// ---------------------------------------------------------------- the export

export const EXPORT_SCHEMA = 'spatial-lens/export@1';

export interface ExportImage {
  /** The path the item names it by (its `image` entry). */
  path: string;
  blob: Blob | Uint8Array;
}

export interface ExportEntry {
  appId: string;
  item: QAItem;
  /** The item's latest effective decision; undefined when undecided. */
  review?: StoredDecision;
  images: ExportImage[];
  /** The item's photos with its marks drawn (SPAR's look), written under marked/. */
  marked?: ExportImage[];
  /**
   * The depth maps the record names (`depth`, one 16-bit millimetre PNG per image, `path` as the
   * record names it), written beside the images so the export can be measured again; `index` is the image's.
   */
  depth?: (ExportImage & { index: number })[];
}

export interface ExportSceneFile {
  /** Path under scenes/ (e.g. `coco-1.scene.json`, `coco-1.ply`). */
  path: string;
  data: FileData;
}

export interface ExportOptions {
  /** The record written for an item (the layout conversion; docs/formats.md, review decision for reviewed items). */
  recordOf: (item: QAItem, review: StoredDecision | undefined) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Groups records into items/<layout>.jsonl (the name is made file-safe). */
  layoutOf: (item: QAItem) => string;
  /** What was exported (the queue filter, a sample…), written as is into the manifest. */
  filter?: unknown;
  /** The project's error-rate estimate (and the seed of its sample), written as is into the manifest. */
  errorRate?: unknown;
  scenes?: Source<ExportSceneFile>;
  /** ISO time; default now. */
  createdAt?: string;
  /** Leave the images out (records still name them); marked photos are written when entries bring them. Default false. */
  withoutImages?: boolean;
  /**
   * Where an item's record goes when not to `items/<layoutOf>.jsonl`: another JSONL path (SPAR-7M's
   * `qa_jsonl/…`), or a file built by an ItemFileWriter and added whole at the end (a parquet).
   */
  targetOf?: (item: QAItem) => { path: string; layout: string; file?: () => ItemFileWriter };
  /** Stops between items with the signal's reason. */
  signal?: AbortSignal;
}

/** Builds one item file from the records (and the entries' images, when it embeds them). */
export interface ItemFileWriter {
  add(record: Record<string, unknown>, entry: ExportEntry): void | Promise<void>;
  finish(): Uint8Array | Promise<Uint8Array>;
  /** The file holds the items' images itself: they are not written under images/ too. */
  embedsImages: boolean;
}

export interface ExportManifest {
  schema: typeof EXPORT_SCHEMA;
  createdAt: string;
  filter: unknown;
  counts: {
    items: number;
    byTask: Record<string, number>;
    byDecision: { accept: number; fix: number; reject: number; undecided: number };
    byLayout: Record<string, number>;
    images: number;
    /** Photos with the items' marks drawn in. */
    marked: number;
    scenes: number;
    /** Depth maps written beside the images (only when there are any). */
    depth?: number;
  };
  /** Every file of the zip but the manifest itself. */
  files: FileEntry[];
  /** How wrong the reviewed project is estimated to be, reproducibly (errorRateStats.ts). */
  error_rate?: unknown;
}

/** Writes the export zip to `sink`; resolves with the manifest (also written as manifest.json, last). */
export async function writeExport(entries: Source<ExportEntry>, opts: ExportOptions, sink: ChunkSink): Promise<ExportManifest> {
  const createdAt = opts.createdAt ?? new Date().toISOString();
  const zw = new ZipWriter(sink, new Date(createdAt));
  const counts: ExportManifest['counts'] = { items: 0, byTask: dict(), byDecision: { accept: 0, fix: 0, reject: 0, undecided: 0 }, byLayout: dict(), images: 0, marked: 0, scenes: 0 };
  const imageSizes = new Map<string, number>();
  const csv = zw.text('summary.csv');
  csv.write(summaryHeader());

  const markedPaths = new Set<string>();
  const itemFiles = new Map<string, ItemFileWriter>();
  for await (const e of entries) {
    opts.signal?.throwIfAborted();
    const target = opts.targetOf?.(e.item);
    const layout = target ? target.layout : safeName(opts.layoutOf(e.item));
    const record = await opts.recordOf(e.item, e.review);
    let file: ItemFileWriter | undefined;
    if (target?.file) {
      file = itemFiles.get(target.path);
      if (!file) itemFiles.set(target.path, (file = target.file()));
      await file.add(record, e);
    } else zw.text(target ? safeZipPath(target.path) : `items/${layout}.jsonl`).write(`${JSON.stringify(record)}\n`);
    csv.write(summaryLine(summaryRow(e.appId, e.item, e.review)));
    counts.items++;
    counts.byTask[e.item.task] = (counts.byTask[e.item.task] ?? 0) + 1;
    counts.byLayout[layout] = (counts.byLayout[layout] ?? 0) + 1;
    const d = e.review?.decision;
    counts.byDecision[d === 'accept' || d === 'fix' || d === 'reject' ? d : 'undecided']++;
    for (const m of e.marked ?? []) {
      // two source files may hold the same id (a SPAR-7M record and its README copy): each keeps its marked photo
      let path = `marked/${safeZipPath(m.path)}`;
      for (let k = 2; markedPaths.has(path); k++) path = `marked/${safeZipPath(m.path).replace(/(\.[^./]*)?$/, `~${k}$1`)}`;
      markedPaths.add(path);
      await zw.addFile(path, m.blob);
      counts.marked++;
    }
    if (opts.withoutImages || file?.embedsImages) continue;
    const depthPaths = new Set((e.depth ?? []).map((d) => d.path));
    for (const im of [...e.images, ...(e.depth ?? [])]) {
      const path = `images/${safeZipPath(im.path)}`;
      const size = im.blob instanceof Uint8Array ? im.blob.length : im.blob.size;
      const had = imageSizes.get(path);
      if (had !== undefined) {
        if (had !== size) throw new Error(`Two different images are named ${im.path} (${had} and ${size} bytes); the export cannot hold both under one name.`);
        continue;
      }
      imageSizes.set(path, size);
      await zw.addFile(path, im.blob);
      if (depthPaths.has(im.path)) counts.depth = (counts.depth ?? 0) + 1;
      else counts.images++;
    }
  }
  if (opts.scenes)
    for await (const s of opts.scenes) {
      await zw.addFile(`scenes/${safeZipPath(s.path)}`, s.data);
      counts.scenes++;
    }
  // a parquet's pages are compressed already
  for (const [path, f] of itemFiles) await zw.addFile(safeZipPath(path), await f.finish(), { compress: false });
  await zw.closeTexts();
  const manifest: ExportManifest = { schema: EXPORT_SCHEMA, createdAt, filter: opts.filter ?? null, counts, files: zw.files.slice(), ...(opts.errorRate !== undefined ? { error_rate: opts.errorRate } : {}) };
  await zw.addFile('manifest.json', manifestText(manifest));
  await zw.end();
  return manifest;
}

/** manifest.json as written into the export (its SHA-256 identifies the export). */
export const manifestText = (m: ExportManifest): string => `${JSON.stringify(m, null, 2)}\n`;

/** The export as a ReadableStream (e.g. `new Response(stream).blob()` or `stream.pipeTo(fileWritable)`). */
export function exportStream(entries: Source<ExportEntry>, opts: ExportOptions): { stream: ReadableStream<Uint8Array>; manifest: Promise<ExportManifest> } {
  const { stream, done } = streamOf((sink) => writeExport(entries, opts, sink));
  return { stream, manifest: done };
}

// ---------------------------------------------------------------- reading back

const isFileEntry = (f: unknown): f is FileEntry =>
  typeof f === 'object' && f !== null && typeof (f as FileEntry).path === 'string' && Number.isInteger((f as FileEntry).bytes) && /^[0-9a-f]{64}$/.test((f as FileEntry).sha256);

/**
 * Unpacks a zip of ours (an export or a backup) within the decompression limits and checks every
 * file its list names (present, size, SHA-256); throws a UserError saying what is wrong.
 */
export async function verifiedFiles(zip: Blob | Uint8Array | ArrayBuffer, listName: string, files: (meta: unknown) => FileEntry[]): Promise<{ all: Map<string, Uint8Array>; meta: unknown; unlisted: string[] }> {
  const blob = zip instanceof Blob ? zip : new Blob([(zip instanceof Uint8Array ? zip : new Uint8Array(zip)) as Uint8Array<ArrayBuffer>]);
  const contents = await readZip(blob, '');
  if (contents.problems.length) {
    const first = contents.problems.slice(0, 3).map((p) => (p.file ? `${p.file}: ${p.message}` : p.message));
    throw new UserError(`This file is not a readable zip (${first.join('; ')}${contents.problems.length > 3 ? `; and ${contents.problems.length - 3} more` : ''}).`, 'zip-unreadable');
  }
  const entries = new Map(contents.entries.map((e) => [e.path, e.blob]));
  const head = entries.get(listName);
  if (!head) throw new UserError(`This zip has no ${listName}, so it was not written by Spatial Lens (or was repacked without it).`, 'zip-no-manifest');
  let meta: unknown;
  try {
    meta = JSON.parse(await head.text());
  } catch {
    throw new UserError(`${listName} in this zip is not valid JSON (cut short or edited by hand).`, 'zip-bad-manifest');
  }
  const list = files(meta);
  const problems: string[] = [];
  const all = new Map<string, Uint8Array>();
  for (const f of list) {
    if (!isFileEntry(f)) {
      problems.push(`${listName} lists ${JSON.stringify(f)?.slice(0, 80)}, which is not a file with a path, a size and a SHA-256`);
      continue;
    }
    const b = entries.get(f.path);
    if (!b) {
      problems.push(`${f.path} is missing`);
      continue;
    }
    const bytes = new Uint8Array(await b.arrayBuffer());
    if (bytes.length !== f.bytes) problems.push(`${f.path} has ${bytes.length} bytes, ${listName} says ${f.bytes}`);
    else if ((await sha256Hex(bytes)) !== f.sha256) problems.push(`${f.path} does not match its SHA-256`);
    else all.set(f.path, bytes);
  }
  if (problems.length)
    throw new UserError(`The zip is damaged or was changed after it was written: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`, 'zip-damaged');
  const listed = new Set(list.map((f) => f?.path));
  const unlisted = [...entries.keys()].filter((p) => p !== listName && !listed.has(p));
  return { all, meta, unlisted };
}

/** `spatial-lens/<kind>@<major>`: checks the kind and the major version (docs/formats.md: reject unknown majors clearly). */
export function checkSchema(schema: unknown, kind: string, major: number, what: string): void {
  const m = typeof schema === 'string' ? /^spatial-lens\/([a-z-]+)@(\d+)$/.exec(schema) : null;
  if (!m || m[1] !== kind) throw new UserError(`This is not a Spatial Lens ${what} (schema ${JSON.stringify(schema ?? null)}, expected spatial-lens/${kind}@${major}).`, `${kind}-schema`);
  const v = Number(m[2]);
  if (v !== major)
    throw new UserError(
      v > major
        ? `This ${what} was written by a newer version of Spatial Lens (schema ${schema}); this version reads spatial-lens/${kind}@${major}. Update the app to open it.`
        : `This ${what} has an unknown schema version (${schema}); this version reads spatial-lens/${kind}@${major}.`,
      `${kind}-version`,
    );
}

function parseJsonl(bytes: Uint8Array, path: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const lines = new TextDecoder().decode(bytes).split('\n');
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    try {
      out.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      throw new UserError(`${path}, line ${i + 1}, is not valid JSON.`, 'jsonl-line');
    }
  });
  return out;
}

export interface ReadExport {
  manifest: ExportManifest;
  /** Layout (file name under items/, without .jsonl) → its records in order. */
  records: Record<string, Record<string, unknown>[]>;
  /** Image path (as under images/) → bytes. */
  images: Map<string, Uint8Array>;
  /** Scene path (as under scenes/) → bytes. */
  scenes: Map<string, Uint8Array>;
  summaryCsv: string;
  /** Files in the zip that the manifest does not list (ignored). */
  unlisted: string[];
}

/** Reads an export zip back, checking the schema and every listed file's size and SHA-256. */
export async function readExport(zip: Blob | Uint8Array | ArrayBuffer): Promise<ReadExport> {
  const { all, meta, unlisted } = await verifiedFiles(zip, 'manifest.json', (m) => {
    checkSchema((m as { schema?: unknown })?.schema, 'export', 1, 'export');
    const files = (m as ExportManifest).files;
    if (!Array.isArray(files)) throw new UserError('manifest.json lists no files.', 'export-manifest');
    return files;
  });
  const manifest = meta as ExportManifest;
  const records = dict<Record<string, unknown>[]>();
  const images = new Map<string, Uint8Array>();
  const scenes = new Map<string, Uint8Array>();
  let summaryCsv = '';
  for (const f of manifest.files) {
    const b = all.get(f.path)!;
    if (f.path.startsWith('items/') && f.path.endsWith('.jsonl')) records[f.path.slice(6, -6)] = parseJsonl(b, f.path);
    else if (f.path.startsWith('images/')) images.set(f.path.slice(7), b);
    else if (f.path.startsWith('scenes/')) scenes.set(f.path.slice(7), b);
    else if (f.path === 'summary.csv') summaryCsv = new TextDecoder().decode(b);
  }
  return { manifest, records, images, scenes, summaryCsv, unlisted };
}

export { parseJsonl };
