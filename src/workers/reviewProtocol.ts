// Messages between the page and the review worker.
import type { ExportCheck } from '../domain/review/exportCheck';
import type { ModifiedExportPolicy } from '../domain/review/import/importer';
import type { ExportMeasure } from '../domain/review/export/estimate';
import type { ExportFormat, ImportSummary, RiskSummary } from '../app/review/ports';

export type { ExportFormat, ImportSummary };

export type ReviewRequest =
  | { type: 'import'; id: number; project: string; files: { path: string; blob: Blob }[]; modifiedExports?: ModifiedExportPolicy }
  | { type: 'export'; id: number; project: string; ids: string[]; filter: string; marked: boolean; format?: ExportFormat }
  | { type: 'measure'; id: number; project: string; ids: string[] }
  /** Audits the items (all, or `ids`) and stores their risks. */
  | { type: 'risks'; id: number; project: string; ids?: string[] }
  /** Stops the job `job` (an export) between two items. */
  | { type: 'cancel'; id: number; job: number }
  | { type: 'backup'; id: number; project: string }
  | { type: 'restore'; id: number; blob: Blob };

export type ReviewResponse =
  | { type: 'progress'; id: number; label: string; done: number; total: number }
  | { type: 'imported'; id: number; summary: ImportSummary }
  | { type: 'measured'; id: number; measure: ExportMeasure }
  | { type: 'risked'; id: number; summary: RiskSummary }
  | { type: 'file'; id: number; blob: Blob; name: string; count: number; manifestSha256?: string }
  | { type: 'restored'; id: number; project: string; name: string; items: number; decisions: number; images: number; merge: string }
  | { type: 'error'; id: number; message: string; user: boolean; checks?: ExportCheck[] };
