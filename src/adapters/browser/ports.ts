// The application's ports as the browser provides them: worker clients, IndexedDB (Dexie),
// localStorage and downloads.
import type { Files, Ports, Settings } from '../../app/ports';
import { saveBlob } from './download';
import { LiftClient } from './liftClient';
import { MeasureClient } from './measureClient';
import { PosedLiftClient } from './posedLiftClient';
import { importReports } from './storage/imports';
import { browserModelDownloader } from './modelDownloadClient';
import { getImage } from './storage/review';
import { dexieLiftStorage } from './storage/liftStorage';
// ---- review side
import { browserReviewPorts } from './reviewPorts';

/** localStorage, or null where the browser refuses it (a sandboxed frame, some private modes). */
function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Settings in localStorage; kept in memory for the session where the browser refuses it. */
function browserSettings(ls: Storage | null): Settings {
  const mem = new Map<string, string>();
  return {
    get: (k) => (ls ? ls.getItem(k) : (mem.get(k) ?? null)),
    set: (k, v) => (ls ? ls.setItem(k, v) : void mem.set(k, v)),
    remove: (k) => (ls ? ls.removeItem(k) : void mem.delete(k)),
  };
}

// ---- lift side
/** Downloads, and the app's shipped files fetched relative to the page. */
const browserFiles: Files = {
  save: saveBlob,
  asset: (path) => fetch(new URL(path, document.baseURI)),
};

export function browserPorts(): Ports {
  const ls = browserStorage();
  const measure = new MeasureClient();
  const posed = new PosedLiftClient();
  return {
    settings: browserSettings(ls),
    clock: { now: () => Date.now() },
    ids: { uid: () => crypto.randomUUID() },
    files: browserFiles,
    compute: new LiftClient(),
    storage: dexieLiftStorage,
    modelDownloads: {
      downloader: browserModelDownloader(),
      catalogueText: async () => {
        // A deployment may replace the built-in catalogue with its own (a mirror's files, other models).
        const res = await fetch(new URL('models/catalogue.json', document.baseURI)).catch(() => null);
        return res?.ok && /json/.test(res.headers.get('Content-Type') ?? '') ? res.text() : null;
      },
      buildBase: import.meta.env.SPATIAL_LENS_MODEL_BASE ?? '',
      appUrl: document.baseURI,
    },
    projectImage: getImage,
    fetchBlob: async (url) => (await fetch(url)).blob(),
    measurePixels: (item, images, corrections) => measure.measure(item, images, corrections),
    liftPosed: (marks, images, reference, step) => posed.lift(marks, images, reference, step),
    // ---- review side
    review: browserReviewPorts(ls),
    importReports,
  };
}
