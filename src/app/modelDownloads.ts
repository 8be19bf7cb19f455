// Downloading catalogue models: which catalogue is in force (the built-in one, or a deployment's
// models/catalogue.json), where files come from (a mirror setting, the deployment's base, the
// model host), the one download in progress with its progress, cancel, resume and refusal, and
// handing a verified file to the installed models. No DOM: the downloader and settings are ports.
import { createStore } from 'zustand/vanilla';
import { isUserError } from '../domain/errors';
import { CATALOGUE, type Catalogue, type CatalogueEntry, DEFAULT_MODEL_BASE, catalogueUrl, findEntry, parseCatalogue, parseModelBase, toManifestEntry } from '../domain/models/catalogue';
import type { ManifestEntry } from '../domain/models/manifest';
import type { FetchVerifiedRequest } from '../domain/models/verifiedFile';
import type { Settings } from './ports';

export interface ModelDownloader {
  available(): boolean;
  /** Bytes already downloaded per catalogue id (partial files kept across reloads). */
  partials(): Promise<Map<string, number>>;
  download(key: string, file: string, req: FetchVerifiedRequest, onProgress: (received: number, total: number | null, resumedFrom: number) => void): Promise<{ file: string; bytes: number; resumedFrom: number }>;
  cancel(): void;
}

export interface DownloadsDeps {
  downloader: ModelDownloader;
  settings: Settings;
  /** Text of the deployment's catalogue file, or null when it has none. */
  catalogueText(): Promise<string | null>;
  /** Base the app was built with (SPATIAL_LENS_MODEL_BASE), '' for the model host. */
  buildBase: string;
  /** Where relative bases resolve (the app's URL). */
  appUrl: string;
  /** Registers a verified file as an installed model. */
  install(entry: ManifestEntry): Promise<void>;
  /** Called after a model is installed (the scene lifts the photo that was waiting). */
  installed(entry: ManifestEntry): void;
}

export interface ActiveDownload {
  id: string;
  received: number;
  total: number | null;
  resumedFrom: number;
}

export interface DownloadsState {
  catalogue: Catalogue;
  /** "built-in", or the deployment file's name; a problem with that file is in `message`. */
  catalogueSource: string;
  /** The user's mirror setting, if any. */
  baseSetting: string | null;
  base: string;
  active: ActiveDownload | null;
  partials: Map<string, number>;
  message: { kind: 'error' | 'info'; text: string } | null;
  load(): Promise<void>;
  setBase(text: string | null): void;
  download(id: string): Promise<boolean>;
  cancel(): void;
  dismiss(): void;
}

export const MODEL_BASE_KEY = 'spatial-lens:model-base';
const CATALOGUE_FILE = 'models/catalogue.json';

export function createDownloadsStore(deps: DownloadsDeps) {
  const effectiveBase = (setting: string | null, cat: Catalogue) => {
    if (setting) return setting;
    if (cat.base) return new URL(cat.base, deps.appUrl).href.replace(/\/+$/, '');
    return deps.buildBase || DEFAULT_MODEL_BASE;
  };
  const stored = deps.settings.get(MODEL_BASE_KEY);
  const store = createStore<DownloadsState>()((set, get) => ({
    catalogue: CATALOGUE,
    catalogueSource: 'built-in',
    baseSetting: stored,
    base: effectiveBase(stored, CATALOGUE),
    active: null,
    partials: new Map(),
    message: null,

    async load() {
      let catalogue = CATALOGUE;
      let source = 'built-in';
      let message: DownloadsState['message'] = null;
      try {
        const text = await deps.catalogueText();
        if (text !== null) {
          catalogue = parseCatalogue(text, CATALOGUE_FILE);
          source = CATALOGUE_FILE;
        }
      } catch (e) {
        message = { kind: 'error', text: `${isUserError(e) ? e.message : String(e)} The built-in catalogue is used.` };
      }
      const partials = await deps.downloader.partials();
      set({ catalogue, catalogueSource: source, base: effectiveBase(get().baseSetting, catalogue), partials, ...(message ? { message } : {}) });
    },

    setBase(text) {
      const t = text?.trim() || null;
      if (!t) {
        deps.settings.remove(MODEL_BASE_KEY);
        set({ baseSetting: null, base: effectiveBase(null, get().catalogue), message: null });
        return;
      }
      try {
        const base = parseModelBase(t);
        deps.settings.set(MODEL_BASE_KEY, base);
        set({ baseSetting: base, base, message: null });
      } catch (e) {
        set({ message: { kind: 'error', text: (e as Error).message } });
      }
    },

    async download(id) {
      if (get().active) return false;
      let entry: CatalogueEntry;
      try {
        entry = findEntry(id, get().catalogue);
      } catch (e) {
        set({ message: { kind: 'error', text: (e as Error).message } });
        return false;
      }
      if (!deps.downloader.available()) {
        set({ message: { kind: 'error', text: 'This browser cannot store downloaded models (no origin-private file system); add the .onnx file by hand instead.' } });
        return false;
      }
      const label = `${entry.name} (${entry.variant})`;
      set({ active: { id, received: get().partials.get(id) ?? 0, total: entry.bytes, resumedFrom: 0 }, message: null });
      try {
        const done = await deps.downloader.download(id, `${entry.sha256}.onnx`, { url: catalogueUrl(entry, get().base), sha256: entry.sha256, bytes: entry.bytes, label }, (received, total, resumedFrom) =>
          set({ active: { id, received, total, resumedFrom } }),
        );
        const installed: ManifestEntry = { ...toManifestEntry(entry), bytes: done.bytes, origin: 'added', opfsFile: done.file, addedAt: new Date().toISOString() };
        await deps.install(installed);
        const partials = new Map(get().partials);
        partials.delete(id);
        set({
          active: null,
          partials,
          message: { kind: 'info', text: `${label} downloaded and verified (SHA-256 matches)${done.resumedFrom ? `, resumed after ${(done.resumedFrom / 1e6).toFixed(1)} MB` : ''}. It stays in this browser.` },
        });
        deps.installed(installed);
        return true;
      } catch (e) {
        const partials = await deps.downloader.partials();
        set({ active: null, partials, message: { kind: isUserError(e) && e.code === 'cancelled' ? 'info' : 'error', text: isUserError(e) ? e.message : `The download of ${label} failed: ${(e as Error).message}` } });
        return false;
      }
    },

    cancel() {
      deps.downloader.cancel();
    },

    dismiss() {
      set({ message: null });
    },
  }));
  return store;
}

export type DownloadsStore = ReturnType<typeof createDownloadsStore>;

/** Where nothing can be downloaded: the catalogue is still listed, downloads say why they cannot run. */
export const noDownloads: Pick<DownloadsDeps, 'downloader' | 'catalogueText' | 'buildBase' | 'appUrl'> = {
  downloader: {
    available: () => false,
    partials: async () => new Map(),
    download: () => Promise.reject(new Error('no downloader')),
    cancel: () => undefined,
  },
  catalogueText: async () => null,
  buildBase: '',
  appUrl: 'http://localhost/',
};
