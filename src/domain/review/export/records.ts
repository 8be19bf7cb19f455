// Where each exported item goes and how its record reads, for the layout chosen in the export
// dialog. Items keep their source (file, id) and their review inside the record whatever the
// layout, so importing the export gives back the same items and decisions.
import { UserError } from '../../errors';
import { type ImageSize, spar7mFileName, spar7mPath } from '../../qa/export/sparLayout';
import type { QAItem } from '../../qa/types';
import { type ExportReview, sourceRecord } from '../import/layouts';
import type { ItemSource, SourceLayout } from '../types';
import { type ExportLayout, taskFormatKey } from './choice';

export interface ExportTarget {
  /** The file in the zip. */
  path: string;
  /** The layout it is counted under in the manifest. */
  layout: string;
  kind: 'jsonl' | 'parquet';
}

export const PARQUET_PATH = 'items/spar-bench.parquet';

const sourceOf = (item: QAItem) => item.spatial_lens.source as ItemSource | undefined;

/** Whether an item came from a SPAR-Bench parquet file (its export "as imported" is parquet again). */
export const fromParquet = (item: QAItem): boolean => {
  const src = sourceOf(item);
  return src?.layout === 'spar-bench' && /\.parquet$/i.test(src.file);
};

/** The source layout a record is written in. */
export function recordLayout(item: QAItem, layout: ExportLayout): SourceLayout {
  if (layout === 'qa-jsonl') return 'spatial-lens';
  if (layout === 'spar7m') return 'spar7m';
  if (layout === 'spar-bench-parquet') return 'spar-bench';
  return sourceOf(item)?.layout ?? 'spatial-lens';
}

/**
 * The file an item goes to. SPAR-7M files are named as SPAR's index script wants
 * (`<format>_<records in the file>.jsonl`), so `countOf` gives the number of exported items per
 * task and format (known from the queue before anything is written).
 */
export function exportTarget(item: QAItem, layout: ExportLayout, countOf: (key: string) => number): ExportTarget {
  if (layout === 'spar-bench-parquet' || (layout === 'as-imported' && fromParquet(item))) return { path: PARQUET_PATH, layout: 'spar-bench', kind: 'parquet' };
  if (layout === 'spar7m') {
    const format = item.spatial_lens.format;
    let dir: string;
    try {
      dir = spar7mPath(item.task, format);
    } catch (e) {
      throw new UserError(`Item ${item.id} cannot be written in SPAR-7M's layout: ${(e as Error).message}. Choose another layout, or leave its task out.`, 'export-spar7m-path');
    }
    return { path: `${dir}${spar7mFileName(format, countOf(taskFormatKey(item.task, format)))}`, layout: 'spar7m', kind: 'jsonl' };
  }
  const l = recordLayout(item, layout);
  return { path: `items/${l}.jsonl`, layout: l, kind: 'jsonl' };
}

/** The item's record in the chosen layout, its review (and the original of a fix) inside. */
export function layoutRecord(item: QAItem, review: ExportReview | undefined, layout: ExportLayout, imageSizes?: readonly (ImageSize | undefined)[]): Record<string, unknown> {
  return sourceRecord(item, review, { layout: recordLayout(item, layout), ...(imageSizes ? { imageSizes } : {}) });
}
