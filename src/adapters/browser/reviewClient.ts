// The page's handle on the review worker: one promise per job, progress callbacks.
import { UserError } from '../../domain/errors';
import { ExportModifiedError } from '../../domain/review/exportCheck';
import type { ModifiedExportPolicy } from '../../domain/review/import/importer';
import type { ExportMeasure } from '../../domain/review/export/estimate';
import type { ReviewCompute, RiskSummary } from '../../app/review/ports';
import type { ExportFormat, ImportSummary, ReviewRequest, ReviewResponse } from '../../workers/reviewProtocol';

export type { ExportFormat, ImportSummary };
type Progress = (label: string, done: number, total: number) => void;
type Omit2<T> = T extends unknown ? Omit<T, 'id'> : never;

export class ReviewClient implements ReviewCompute {
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (r: ReviewResponse) => void; reject: (e: unknown) => void; progress?: Progress }>();
  private nextId = 1;

  // started on first use: a page that never imports or exports pays nothing
  private get w(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../../workers/review.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<ReviewResponse>) => {
      const msg = ev.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') return p.progress?.(msg.label, msg.done, msg.total);
      this.pending.delete(msg.id);
      if (msg.type === 'error') p.reject(msg.checks ? new ExportModifiedError(msg.checks) : msg.user ? new UserError(msg.message, 'review') : new Error(msg.message));
      else p.resolve(msg);
    };
    w.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`the review worker crashed: ${ev.message}`));
      this.pending.clear();
    };
    return (this.worker = w);
  }

  private call(req: Omit2<ReviewRequest>, progress?: Progress, signal?: AbortSignal): Promise<ReviewResponse> {
    const id = this.nextId++;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<ReviewResponse>((resolve, reject) => {
      // the worker stops the job between two items; its failure then is the cancel, said as such
      const onAbort = () => this.worker?.postMessage({ type: 'cancel', id: this.nextId++, job: id } satisfies ReviewRequest);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(signal?.aborted ? signal.reason : e)),
        progress,
      });
      this.w.postMessage({ ...req, id });
    });
  }

  /** Rejects with an ExportModifiedError when an export in the drop changed and `modifiedExports` is 'ask' (the default). */
  async importFiles(project: string, files: { path: string; blob: Blob }[], progress?: Progress, modifiedExports?: ModifiedExportPolicy): Promise<ImportSummary> {
    const r = await this.call({ type: 'import', project, files, ...(modifiedExports ? { modifiedExports } : {}) }, progress);
    if (r.type !== 'imported') throw new Error(`unexpected reply ${r.type}`);
    return r.summary;
  }

  async exportItems(project: string, ids: string[], filter: string, marked: boolean, progress?: Progress, opts: { format?: ExportFormat; signal?: AbortSignal } = {}): Promise<{ blob: Blob; name: string; count: number; manifestSha256?: string }> {
    const r = await this.call({ type: 'export', project, ids, filter, marked, ...(opts.format ? { format: opts.format } : {}) }, progress, opts.signal);
    if (r.type !== 'file') throw new Error(`unexpected reply ${r.type}`);
    return r;
  }

  /** What an export of these items would hold (records per layout, images, marked photos), for its size estimate. */
  async measureExport(project: string, ids: string[]): Promise<ExportMeasure> {
    const r = await this.call({ type: 'measure', project, ids });
    if (r.type !== 'measured') throw new Error(`unexpected reply ${r.type}`);
    return r.measure;
  }

  async auditRisks(project: string, progress?: Progress, ids?: string[]): Promise<RiskSummary> {
    const r = await this.call({ type: 'risks', project, ...(ids ? { ids } : {}) }, progress);
    if (r.type !== 'risked') throw new Error(`unexpected reply ${r.type}`);
    return r.summary;
  }

  async backup(project: string, progress?: Progress): Promise<{ blob: Blob; name: string }> {
    const r = await this.call({ type: 'backup', project }, progress);
    if (r.type !== 'file') throw new Error(`unexpected reply ${r.type}`);
    return r;
  }

  async restore(blob: Blob, progress?: Progress): Promise<{ project: string; name: string; items: number; decisions: number; images: number; merge: string }> {
    const r = await this.call({ type: 'restore', blob }, progress);
    if (r.type !== 'restored') throw new Error(`unexpected reply ${r.type}`);
    return r;
  }
}
