// Downloads a model off the main thread into OPFS through a synchronous access handle, hashing as
// the bytes arrive; a verified file is renamed to its hash, a refused one emptied.
/// <reference lib="webworker" />
import { type ByteSink, fetchVerified } from '../adapters/download/fetchVerified';
import { modelsDir } from '../adapters/browser/opfsModels';
import { isUserError } from '../domain/errors';
import type { DownloadReply, DownloadRequest } from './modelDownloadProtocol';

interface SyncHandle {
  getSize(): number;
  read(buf: Uint8Array, o: { at: number }): number;
  write(buf: Uint8Array, o: { at: number }): number;
  truncate(n: number): void;
  flush(): void;
  close(): void;
}

let current: AbortController | null = null;
const post = (m: DownloadReply) => (self as unknown as Worker).postMessage(m);

function syncSink(h: SyncHandle): ByteSink {
  return {
    size: async () => h.getSize(),
    read: async (offset, length) => {
      const buf = new Uint8Array(length);
      const n = h.read(buf, { at: offset });
      return buf.subarray(0, n);
    },
    write: async (bytes, at) => void h.write(bytes, { at }),
    truncate: async (n) => h.truncate(n),
    flush: async () => h.flush(),
  };
}

async function download(key: string, file: string, req: DownloadRequest & { type: 'download' }) {
  const dir = await modelsDir();
  const partName = `${key}.part`;
  const part = await dir.getFileHandle(partName, { create: true });
  const handle = (await (part as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }).createSyncAccessHandle()) as SyncHandle;
  current = new AbortController();
  let resumed: number | null = null;
  try {
    const result = await fetchVerified(req.req, {
      sink: syncSink(handle),
      signal: current.signal,
      onProgress: (received, total) => post({ type: 'progress', received, total, resumedFrom: (resumed ??= received) }),
    });
    handle.close();
    const moved = part as unknown as { move?: (name: string) => Promise<void> };
    if (moved.move) await moved.move(file);
    else {
      const bytes = await (await part.getFile()).arrayBuffer();
      const w = await (await dir.getFileHandle(file, { create: true })).createWritable();
      await w.write(bytes);
      await w.close();
      await dir.removeEntry(partName);
    }
    post({ type: 'done', file, bytes: result.bytes, resumedFrom: result.resumedFrom });
  } catch (e) {
    try {
      handle.close();
    } catch {
      // closed above
    }
    const cancelled = current?.signal.aborted ?? false;
    if (cancelled || isUserError(e)) await dir.removeEntry(partName).catch(() => undefined);
    post({ type: 'error', message: isUserError(e) ? e.message : cancelled ? 'Download cancelled; nothing was kept.' : `The download stopped: ${(e as Error).message}. What arrived is kept and the next try resumes from it.`, code: isUserError(e) ? e.code : undefined, cancelled });
  } finally {
    current = null;
  }
}

self.onmessage = (ev: MessageEvent<DownloadRequest>) => {
  const m = ev.data;
  if (m.type === 'cancel') current?.abort();
  else if (m.type === 'download') void download(m.key, m.file, m);
  else if (m.type === 'partial')
    void (async () => {
      try {
        const h = await (await modelsDir()).getFileHandle(`${m.key}.part`);
        post({ type: 'partial', key: m.key, bytes: (await h.getFile()).size });
      } catch {
        post({ type: 'partial', key: m.key, bytes: 0 });
      }
    })();
};
