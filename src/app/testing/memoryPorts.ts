// The app's ports for tests in Node: the heavy work in-process through the same functions the
// lifting worker calls, the same Dexie storage over fake-indexeddb, settings in a Map, downloads
// kept in a list, shipped files read from public/ on disk.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { dexieLiftStorage } from '../../adapters/browser/storage/liftStorage';
import { getImage } from '../../adapters/browser/storage/review';
import { nodeCompute } from '../../adapters/node/compute';
import type { Asset, Files, Ports, Settings } from '../ports';
import { TestBrowser } from './reviewTestApp';

const PUBLIC = path.resolve(import.meta.dirname, '../../../public');

/** Settings in a Map (what localStorage holds in the browser). */
export function mapSettings(map = new Map<string, string>()): Settings & { map: Map<string, string> } {
  return { map, get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v), remove: (k) => void map.delete(k) };
}

/** A file the app ships, from public/ (a missing one reads as HTTP 404, as the preview server answers). */
export async function diskAsset(rel: string, root = PUBLIC): Promise<Asset> {
  const file = path.resolve(root, rel);
  const ok = file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
  const bytes = ok ? new Uint8Array(fs.readFileSync(file)) : new Uint8Array();
  return { ok, status: ok ? 200 : 404, blob: async () => new Blob([bytes]), text: async () => new TextDecoder().decode(bytes) };
}

/** Downloads the app offered, in order. */
export type SavedDownloads = { name: string; blob: Blob }[];

export function memoryPorts(opts: { publicDir?: string } = {}): Ports & { saved: SavedDownloads; settings: ReturnType<typeof mapSettings> } {
  const saved: SavedDownloads = [];
  const files: Files = { save: (blob, name) => void saved.push({ name, blob }), asset: (p) => diskAsset(p, opts.publicDir ?? PUBLIC) };
  let n = 0;
  return {
    saved,
    settings: mapSettings(),
    clock: { now: () => Date.now() },
    ids: { uid: () => `id-${++n}` },
    files,
    // ---- lift side
    compute: nodeCompute(),
    storage: dexieLiftStorage,
    projectImage: getImage,
    fetchBlob: async () => {
      throw new Error('fetchBlob: no object URLs in tests');
    },
    measurePixels: async () => {
      throw new Error('measurePixels: the lift-side test app does not decode review photos');
    },
    // ---- review side: one tab of an in-memory browser
    review: new TestBrowser().tabPorts().ports,
  };
}
