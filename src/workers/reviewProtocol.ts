// Messages between the page and the review worker.
import type { ExportCheck } from '../domain/review/exportCheck';
import type { ModifiedExportPolicy } from '../domain/review/import/importer';
import type { ExportLayout } from '../domain/review/export/choice';
import type { ExportMeasure } from '../domain/review/export/estimate';

/** How the export dialog asked for the items to be written. */
export interface ExportFormat {
  layout: ExportLayout;
  images: boolean;
  /** Exported items per task and format (`taskFormatKey`): SPAR-7M's file names carry the count. */
  byTaskFormat: [string, number][];
}

export interface ImportSummary {
  added: number;
  images: number;
  /** Images of the drop already stored with the same bytes: not stored again. */
  imagesReused: number;
  scenes: number;
  /** Decisions brought back by re-imported exports. */
  reviews: number;
  /** The first 500 problems (bad lines with their line numbers, refused zip entries…). */
  problems: { file: string; line?: number; message: string }[];
  problemCount: number;
  duplicates: number;
  /** Of the duplicates, items already in the project (the same file imported again). */
  existing: number;
  /** Files of unfinished earlier imports that this one imported again, so finished. */
  finished: string[];
  /** The first 500 items imported without (some of) their images. */
  missingImages: { appId: string; images: string[] }[];
  missingCount: number;
  /** Export zips in the drop, each checked against its manifest (`modified`: it no longer matches). */
  exports: { zip: string; filesListed: number; manifestSha256: string; modified: boolean }[];
  /** Items imported with the `modified-after-export` flag. */
  flagged: number;
  ms: number;
}

export type ReviewRequest =
  | { type: 'import'; id: number; project: string; files: { path: string; blob: Blob }[]; modifiedExports?: ModifiedExportPolicy }
  | { type: 'export'; id: number; project: string; ids: string[]; filter: string; marked: boolean; format?: ExportFormat }
  | { type: 'measure'; id: number; project: string; ids: string[] }
  /** Stops the job `job` (an export) between two items. */
  | { type: 'cancel'; id: number; job: number }
  | { type: 'backup'; id: number; project: string }
  | { type: 'restore'; id: number; blob: Blob };

export type ReviewResponse =
  | { type: 'progress'; id: number; label: string; done: number; total: number }
  | { type: 'imported'; id: number; summary: ImportSummary }
  | { type: 'measured'; id: number; measure: ExportMeasure }
  | { type: 'file'; id: number; blob: Blob; name: string; count: number; manifestSha256?: string }
  | { type: 'restored'; id: number; project: string; name: string; items: number; decisions: number; images: number; merge: string }
  | { type: 'error'; id: number; message: string; user: boolean; checks?: ExportCheck[] };
