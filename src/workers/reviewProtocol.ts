// Messages between the page and the review worker.
import type { ExportCheck } from '../domain/review/exportCheck';
import type { ModifiedExportPolicy } from '../domain/review/import/importer';
import type { ImportSummary } from '../app/review/ports';

export type { ImportSummary };

export type ReviewRequest =
  | { type: 'import'; id: number; project: string; files: { path: string; blob: Blob }[]; modifiedExports?: ModifiedExportPolicy }
  | { type: 'export'; id: number; project: string; ids: string[]; filter: string; marked: boolean }
  | { type: 'backup'; id: number; project: string }
  | { type: 'restore'; id: number; blob: Blob };

export type ReviewResponse =
  | { type: 'progress'; id: number; label: string; done: number; total: number }
  | { type: 'imported'; id: number; summary: ImportSummary }
  | { type: 'file'; id: number; blob: Blob; name: string; count: number; manifestSha256?: string }
  | { type: 'restored'; id: number; project: string; name: string; items: number; decisions: number; images: number; merge: string }
  | { type: 'error'; id: number; message: string; user: boolean; checks?: ExportCheck[] };
