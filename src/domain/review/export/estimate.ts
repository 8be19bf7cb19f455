// The size of an export before it is written, from what the review worker measured of the chosen
// items (their records in each layout, their images, their marked photos). Pure arithmetic, so the
// dialog recomputes it on every toggle without asking the worker again.
import type { ExportLayout } from './choice';

/** What the worker measured of a set of items, once, for every layout. */
export interface ExportMeasure {
  items: number;
  /** Per layout: the records' bytes as written (JSON text, or a parquet row's values) and their compressed bytes (a sample deflated). */
  records: Map<ExportLayout, { bytes: number; packed: number }>;
  /** Distinct original images the items name that the project holds, and their bytes. */
  images: number;
  imageBytes: number;
  /** Images the items name that the project does not hold (exported as names only). */
  missingImages: number;
  /** Photos that would get a marked copy, their pixels, and their expected JPEG bytes (markedPhotoBytes, summed). */
  marked: number;
  markedPixels: number;
  markedBytes?: number;
  /** Sum of the path lengths of the files (images, marked photos): each costs two headers in a zip. */
  pathChars: number;
  /** The images' bytes counted once per item naming them: a parquet embeds a photo in every row that shows it (at most once per row group). */
  rowImageBytes?: number;
  /** Per layout, the item files it writes (SPAR-7M: one per task and format). */
  itemFiles?: Map<ExportLayout, number>;
}

export interface ExportEstimate {
  /** Estimated zip size in bytes. */
  bytes: number;
  files: number;
  parts: { records: number; images: number; marked: number; overhead: number };
}

/** A JPEG at quality 0.9 of a photo takes about this many bytes per pixel (2.4 bits); marks add little. */
export const MARKED_BYTES_PER_PIXEL = 0.3;
/**
 * The expected size of a photo's marked copy: a JPEG at quality 0.9 of its pixels, which a photo
 * that compresses well (flat walls, a low-quality original) keeps small — so no more than half again
 * the original's own bytes, plus a little for the marks' sharp edges.
 */
export function markedPhotoBytes(pixels: number, originalBytes: number | undefined): number {
  const full = pixels * MARKED_BYTES_PER_PIXEL;
  return originalBytes && originalBytes > 0 ? Math.min(full, 1.5 * originalBytes + 1000) : full;
}

/** Per zip entry: local header (30) + central directory (46) + data descriptor (16), plus the name twice. */
const ENTRY_BYTES = 92;
/** Per item file: its path in the manifest with a size and a SHA-256 (about 150 bytes), its name twice in the zip, deflate's ends. */
const ITEM_FILE_BYTES = 300;
/** summary.csv and manifest.json per item (an id, a task, a status, hashes of its files). */
const SIDE_BYTES_PER_ITEM = 60;

export function estimateExport(m: ExportMeasure, layout: ExportLayout, images: boolean, marked: boolean): ExportEstimate {
  const rec = m.records.get(layout) ?? { bytes: 0, packed: 0 };
  const parquet = layout === 'spar-bench-parquet';
  // a parquet's pages are snappy-compressed (about what deflate gives on short texts); images inside it are stored as they are
  const records = rec.packed;
  // an upper bound for the parquet: rows of one row group share a photo's bytes through its dictionary
  const img = images ? (parquet ? (m.rowImageBytes ?? m.imageBytes) : m.imageBytes) : 0;
  const mk = marked ? Math.round(m.markedBytes ?? m.markedPixels * MARKED_BYTES_PER_PIXEL) : 0;
  const itemFiles = m.items ? (m.itemFiles?.get(layout) ?? 1) : 0;
  const files = 2 + itemFiles + (images && !parquet ? m.images : 0) + (marked ? m.marked : 0);
  const names = (images && !parquet ? m.pathChars : 0) + (marked ? m.marked * 24 : 0);
  // every item file also costs a deflate stream's ends and a manifest entry
  const overhead = files * ENTRY_BYTES + 2 * names + itemFiles * ITEM_FILE_BYTES + (m.items ? m.items * SIDE_BYTES_PER_ITEM + 1024 : 0);
  return { bytes: records + img + mk + overhead, files, parts: { records, images: img, marked: mk, overhead } };
}

/** Bytes for people: 0 B, 12.3 kB, 4.5 MB, 1.2 GB (decimal units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let k = 0;
  while (v >= 1000 && k < units.length - 1) {
    v /= 1000;
    k++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[k]}`;
}
