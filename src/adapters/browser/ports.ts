// The application's ports as the browser provides them: worker clients, IndexedDB (Dexie),
// localStorage and downloads.
import type { Ports, Settings } from '../../app/ports';
import { saveBlob } from './download';
import { LiftClient } from './liftClient';
import { browserModelDownloader } from './modelDownloadClient';
import { ReviewClient } from './reviewClient';
import { LeaseBook } from './storage/leases';
import { getImage } from './storage/review';
import { saveScene } from './storage/scenes';

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

export function browserPorts(): Ports {
  const ls = browserStorage();
  return {
    settings: browserSettings(ls),
    clock: { now: () => Date.now() },
    ids: { uid: () => crypto.randomUUID() },
    files: { save: saveBlob },
    lift: new LiftClient(),
    review: new ReviewClient(),
    leases: new LeaseBook(ls),
    saveScene,
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
  };
}
