/// <reference lib="webworker" />
// The review worker: a message in, a review job (app/review/jobs) over the page's IndexedDB, a
// message out. The jobs (imports parsing JSONL, parquet and zips and writing batches as they come;
// exports and backups streamed into zips; restores) run here, off the page's thread; the page
// re-reads the queue when a job is done.
import { isUserError } from '../domain/errors';
import { ExportModifiedError } from '../domain/review/exportCheck';
import { backupJob } from '../app/review/jobs/backupJob';
import { exportJob } from '../app/review/jobs/exportJob';
import { importJob } from '../app/review/jobs/importJob';
import { measureJob } from '../app/review/jobs/measureJob';
import { restoreJob } from '../app/review/jobs/restoreJob';
import { riskJob } from '../app/review/jobs/riskJob';
import type { MarkedPhotos } from '../app/review/ports';
import { markedJpeg, photoPixels, storedPixels } from '../adapters/browser/markedPhoto';
import { dexieJobStorage } from '../adapters/browser/storage/reviewJobs';
import type { ReviewRequest, ReviewResponse } from './reviewProtocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: ReviewResponse) => self.postMessage(m);
const storage = dexieJobStorage();
const photos: MarkedPhotos = { pixels: photoPixels, markedJpeg };

/** Running exports, by request id, for `cancel`. */
const running = new Map<number, AbortController>();

self.onmessage = async (ev: MessageEvent<ReviewRequest>) => {
  const req = ev.data;
  const progress = (label: string, done: number, total: number) => post({ type: 'progress', id: req.id, label, done, total });
  try {
    if (req.type === 'cancel') return void running.get(req.job)?.abort(new DOMException('The export was cancelled.', 'AbortError'));
    if (req.type === 'import') post({ type: 'imported', id: req.id, summary: await importJob(storage, req.project, req.files, progress, req.modifiedExports) });
    else if (req.type === 'risks') post({ type: 'risked', id: req.id, summary: await riskJob(storage, storedPixels, req.project, progress, req.ids) });
    else if (req.type === 'measure') post({ type: 'measured', id: req.id, measure: await measureJob(storage, req.project, req.ids) });
    else if (req.type === 'export') {
      const ctl = new AbortController();
      running.set(req.id, ctl);
      try {
        post({ type: 'file', id: req.id, ...(await exportJob(storage, photos, req.project, req.ids, req.filter, req.marked, progress, { format: req.format, signal: ctl.signal })) });
      } finally {
        running.delete(req.id);
      }
    }
    else if (req.type === 'backup') post({ type: 'file', id: req.id, ...(await backupJob(storage, req.project, progress)) });
    else if (req.type === 'restore') post({ type: 'restored', id: req.id, ...(await restoreJob(storage, req.blob, progress)) });
  } catch (e) {
    post({ type: 'error', id: req.id, message: (e as Error)?.message ?? String(e), user: isUserError(e), ...(e instanceof ExportModifiedError ? { checks: e.checks } : {}) });
  }
};
