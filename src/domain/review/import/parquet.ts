// SPAR-Bench parquet files (HF datasets: split `test`, columns of docs/formats.md, SPAR-Bench layout) read a row group at
// a time with hyparquet. Images are stored by HF datasets as structs `{bytes, path}` (a list of
// them for `image`); each embedded image comes out as bytes with a stable file name, and the row
// names it instead, so a row reads like a SPAR-Bench JSONL line.
import { formatBytes, ZIP_LIMITS } from './limits';
import { dict } from '../../dict';
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { carriedRows, withCarried } from '../export/sparBenchParquet';
import { depthGridOf, depthPngOf } from './rgbdColumns';

export interface EmbeddedImage {
  /** Stable file name: `<parquet path>/<id>_<k>.<ext>` (`<id>_<column>_<k>` for columns other than `image`). */
  path: string;
  bytes: Uint8Array;
  /** The column it came from and its index in that cell's list. */
  column: string;
  index: number;
  /** The struct's own `path`, when it had one. */
  originalPath?: string;
}

export interface ParquetRecord {
  /** 0-based row index in the file. */
  row: number;
  /** The row with bigints as numbers and image structs replaced by file names. */
  record: Record<string, unknown>;
  images: EmbeddedImage[];
  /** The struct paths of the `image` column (aligned with record.image), for naming a scene. */
  originalImagePaths?: (string | undefined)[];
}

export interface ParquetChunk {
  rows: ParquetRecord[];
  rowStart: number;
  rowEnd: number;
  numRows: number;
}

type Bytes = Blob | ArrayBuffer | Uint8Array;

/** A Blob (or bytes) as hyparquet's AsyncBuffer: only the byte ranges it asks for are read. */
export function asyncBufferOf(file: Bytes): AsyncBuffer {
  if (file instanceof ArrayBuffer) return file;
  if (file instanceof Uint8Array) {
    const ab = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength && file.buffer instanceof ArrayBuffer ? file.buffer : file.slice().buffer;
    return ab;
  }
  const blob = file;
  return { byteLength: blob.size, slice: (start: number, end?: number) => blob.slice(start, end).arrayBuffer() };
}

/** File extension from an image's magic bytes, else from its struct path, else `bin`. */
export function imageExt(bytes: Uint8Array, path?: string): string {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  const m = path ? /\.([A-Za-z0-9]{1,5})$/.exec(path) : null;
  return m ? m[1].toLowerCase() : 'bin';
}

type ImageStruct = { bytes?: Uint8Array | null; path?: string | null };
const isImageStruct = (v: unknown): v is ImageStruct => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) return false;
  const keys = Object.keys(v);
  if (!keys.includes('bytes') || !keys.every((k) => k === 'bytes' || k === 'path')) return false;
  const { bytes, path } = v as ImageStruct;
  return (bytes == null || bytes instanceof Uint8Array) && (path == null || typeof path === 'string');
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON-friendly values: int64 bigints as numbers (strings beyond 2^53), unannotated UTF-8 bytes as text. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) {
    try {
      return utf8.decode(v);
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = dict<unknown>();
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

/** A raw parquet row as a record: image structs out as files, everything else kept (as plain values). */
export function parquetRowRecord(raw: Record<string, unknown>, row: number, fileName: string): ParquetRecord {
  const record = dict<unknown>();
  const images: EmbeddedImage[] = [];
  let originalImagePaths: (string | undefined)[] | undefined;
  const idValue = plain(raw.id);
  const idPart = typeof idValue === 'number' || (typeof idValue === 'string' && idValue) ? safeName(String(idValue)) : `row${row}`;
  for (const [column, value] of Object.entries(raw)) {
    if (column === 'depth' && Array.isArray(value) && value.some((g) => Array.isArray(g) && Array.isArray(g[0]))) {
      // SPAR-Bench-RGBD: a grid of numbers per image, kept as the project's depth PNGs
      const units: (string | null)[] = [];
      record.depth = value.map((g, k) => {
        const grid = depthGridOf(g);
        units.push(grid?.unit ?? null);
        if (!grid) return null;
        const path = `${fileName}/${idPart}_depth_${k}.png`;
        images.push({ path, bytes: depthPngOf(grid), column, index: k });
        return path;
      });
      record.depth_unit = units;
      continue;
    }
    const list = Array.isArray(value) && value.length > 0 && value.every((x) => x === null || isImageStruct(x)) && value.some((x) => x !== null);
    if (!list && !isImageStruct(value)) {
      record[column] = plain(value);
      continue;
    }
    const structs = (list ? value : [value]) as (ImageStruct | null)[];
    const names = structs.map((s, k): string | null => {
      if (!s) return null;
      const originalPath = s.path ?? undefined;
      if (!s.bytes || s.bytes.length === 0) return originalPath ?? null; // an image stored by reference only
      const stem = column === 'image' ? `${idPart}_${k}` : `${idPart}_${safeName(column)}_${k}`;
      const path = `${fileName}/${stem}.${imageExt(s.bytes, originalPath)}`;
      images.push({ path, bytes: s.bytes, column, index: k, ...(originalPath ? { originalPath } : {}) });
      return path;
    });
    record[column] = list ? names : names[0];
    if (column === 'image') originalImagePaths = structs.map((s) => s?.path ?? undefined);
  }
  return { row, record, images, ...(originalImagePaths ? { originalImagePaths } : {}) };
}

export interface ReadParquetOptions {
  /** Read at most this many rows at a time (default: one row group a read, as the file was written). */
  maxRowsPerRead?: number;
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];

/** Whether bytes start like a parquet file ("PAR1"). */
export const isParquetHead = (head: Uint8Array): boolean => head.length >= 4 && PAR1.every((c, i) => head[i] === c);

/**
 * The rows of a parquet file, a row group (or `maxRowsPerRead` rows) at a time, so that a large
 * file's images are never all in memory at once. Any codec works (hyparquet-compressors).
 * `fileName` is the file's path as imported; it prefixes the embedded images' names.
 */
export async function* readParquetRows(file: Bytes, fileName: string, opts: ReadParquetOptions = {}): AsyncGenerator<ParquetChunk> {
  const buffer = asyncBufferOf(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch {
    // the reader's own words ("parquet file invalid (footer != PAR1)") say nothing to a person
    throw new Error(`${fileName} is not a readable parquet file: its footer (which describes the rows) is missing or damaged, so the file was cut short or is not parquet`);
  }
  const numRows = Number(metadata.num_rows);
  // a Spatial Lens export keeps each row's source and review in the file's metadata
  const carried = carriedRows(metadata);
  // Row ranges: the row groups, each cut to maxRowsPerRead
  const ranges: [number, number][] = [];
  let start = 0;
  for (const [k, g] of metadata.row_groups.entries()) {
    // a row group states its size: one that would inflate past the limit is refused before reading
    const bytes = Number(g.total_byte_size);
    if (bytes > ZIP_LIMITS.entryBytes)
      throw new Error(`${fileName}: row group ${k + 1} would expand to ${formatBytes(bytes)}; the limit is ${formatBytes(ZIP_LIMITS.entryBytes)} per row group, so the file was not read`);
    const end = start + Number(g.num_rows);
    const step = opts.maxRowsPerRead && opts.maxRowsPerRead > 0 ? opts.maxRowsPerRead : end - start;
    for (let s = start; s < end; s += step) ranges.push([s, Math.min(end, s + step)]);
    start = end;
  }
  for (const [rowStart, rowEnd] of ranges) {
    // utf8: false keeps binary (image bytes) as bytes; annotated string columns still come as text
    let raw: Record<string, unknown>[];
    try {
      raw = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors, utf8: false });
    } catch {
      // the decoder's own words ("Invalid typed array length: 9217") say nothing to a person
      const done = rowStart ? `; rows 1–${rowStart} were read` : '';
      throw new Error(`${fileName} is damaged or cut short: rows ${rowStart + 1}–${rowEnd} of ${numRows} could not be read${done}`);
    }
    const rows = raw.map((r, i) => {
      const row = parquetRowRecord(r, rowStart + i, fileName);
      if (carried) withCarried(row.record, carried[rowStart + i]);
      return row;
    });
    yield { rows, rowStart, rowEnd, numRows };
  }
}

/** All rows of a (small) parquet file at once. */
export async function readParquetFile(file: Bytes, fileName: string): Promise<{ rows: ParquetRecord[]; numRows: number }> {
  const rows: ParquetRecord[] = [];
  let numRows = 0;
  for await (const chunk of readParquetRows(file, fileName)) {
    rows.push(...chunk.rows);
    numRows = chunk.numRows;
  }
  return { rows, numRows };
}
