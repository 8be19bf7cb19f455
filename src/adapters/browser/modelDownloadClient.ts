// The page's side of the model download worker: one download at a time.
import { UserError } from '../../domain/errors';
import type { ModelDownloader } from '../../app/modelDownloads';
import type { DownloadReply, DownloadRequest } from '../../workers/modelDownloadProtocol';
import { opfsAvailable, partialSizes } from './opfsModels';

export function browserModelDownloader(): ModelDownloader {
  let worker: Worker | null = null;
  const get = () => {
    if (worker) return worker;
    worker = new Worker(new URL('../../workers/modelDownload.worker.ts', import.meta.url), { type: 'module' });
    // A download cut by leaving the page stops at once, so the next page can resume the partial file
    // (a worker left writing would hold its lock).
    addEventListener('pagehide', () => worker?.terminate(), { once: true });
    return worker;
  };
  return {
    available: () => opfsAvailable() && typeof Worker !== 'undefined',
    partials: () => partialSizes().catch(() => new Map<string, number>()),
    cancel: () => worker?.postMessage({ type: 'cancel' } satisfies DownloadRequest),
    download: (key, file, req, onProgress) =>
      new Promise((resolve, reject) => {
        const w = get();
        const onMessage = (ev: MessageEvent<DownloadReply>) => {
          const m = ev.data;
          if (m.type === 'progress') onProgress(m.received, m.total, m.resumedFrom);
          else if (m.type === 'done') {
            w.removeEventListener('message', onMessage);
            resolve({ file: m.file, bytes: m.bytes, resumedFrom: m.resumedFrom });
          } else if (m.type === 'error') {
            w.removeEventListener('message', onMessage);
            reject(new UserError(m.message, m.cancelled ? 'cancelled' : (m.code ?? 'model-download')));
          }
        };
        w.addEventListener('message', onMessage);
        w.postMessage({ type: 'download', key, file, req } satisfies DownloadRequest);
      }),
  };
}
