// Messages between the page and the review worker.

export interface ImportSummary {
  added: number;
  images: number;
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
  ms: number;
}

export type ReviewRequest =
  | { type: 'import'; id: number; project: string; files: { path: string; blob: Blob }[] }
  | { type: 'export'; id: number; project: string; ids: string[]; filter: string; marked: boolean }
  | { type: 'backup'; id: number; project: string }
  | { type: 'restore'; id: number; blob: Blob };

export type ReviewResponse =
  | { type: 'progress'; id: number; label: string; done: number; total: number }
  | { type: 'imported'; id: number; summary: ImportSummary }
  | { type: 'file'; id: number; blob: Blob; name: string; count: number }
  | { type: 'restored'; id: number; project: string; name: string; items: number; decisions: number; images: number }
  | { type: 'error'; id: number; message: string; user: boolean };
