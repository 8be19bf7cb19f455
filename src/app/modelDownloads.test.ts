// The download use case over its ports: a memory downloader running the real verified download
// against a local server, settings in a Map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCatalogue } from '../../e2e/modelTestCatalogue';
import { type ByteSink, fetchVerified } from '../adapters/download/fetchVerified';
import { CATALOGUE } from '../domain/models/catalogue';
import type { ManifestEntry } from '../domain/models/manifest';
import { type TestServer, startTestServer } from '../test/modelServer';
import { MODEL_BASE_KEY, type ModelDownloader, createDownloadsStore } from './modelDownloads';

const { catalogue, files, byId } = testCatalogue();
let server: TestServer;
beforeAll(async () => void (server = await startTestServer({ files, ranges: true })));
afterAll(() => server.close());

function memorySink(): ByteSink & { data: Uint8Array } {
  const s = {
    data: new Uint8Array(0),
    size: async () => s.data.length,
    read: async (o: number, n: number) => s.data.slice(o, o + n),
    write: async (b: Uint8Array, at: number) => {
      const next = new Uint8Array(Math.max(s.data.length, at + b.length));
      next.set(s.data);
      next.set(b, at);
      s.data = next;
    },
    truncate: async (n: number) => void (s.data = s.data.slice(0, n)),
    flush: async () => undefined,
  };
  return s;
}

function setup(catalogueText: string | null = JSON.stringify(catalogue)) {
  const sinks = new Map<string, ReturnType<typeof memorySink>>();
  const done = new Map<string, Uint8Array>();
  let ac: AbortController | null = null;
  const downloader: ModelDownloader = {
    available: () => true,
    partials: async () => new Map([...sinks].filter(([, s]) => s.data.length).map(([k, s]) => [k, s.data.length])),
    cancel: () => ac?.abort(),
    download: async (key, file, req, onProgress) => {
      const sink = sinks.get(key) ?? memorySink();
      sinks.set(key, sink);
      ac = new AbortController();
      let first: number | null = null;
      const r = await fetchVerified(req, { sink, signal: ac.signal, onProgress: (got, total) => onProgress(got, total, (first ??= got)) });
      done.set(file, sink.data);
      sinks.delete(key);
      return { file, bytes: r.bytes, resumedFrom: r.resumedFrom };
    },
  };
  const settings = new Map<string, string>();
  const installed: ManifestEntry[] = [];
  const store = createDownloadsStore({
    downloader,
    settings: { get: (k) => settings.get(k) ?? null, set: (k, v) => void settings.set(k, v), remove: (k) => void settings.delete(k) },
    catalogueText: async () => catalogueText,
    buildBase: '',
    appUrl: `${server.url}/app/`,
    install: async (e) => void installed.push(e),
    installed: () => undefined,
  });
  return { store, installed, done, settings, sinks };
}

describe('model downloads (use case)', () => {
  it('uses a deployment catalogue when there is one, else the built-in one, and says why a bad file is ignored', async () => {
    const a = setup();
    await a.store.getState().load();
    expect(a.store.getState().catalogueSource).toBe('models/catalogue.json');
    const b = setup(null);
    await b.store.getState().load();
    expect(b.store.getState().catalogue).toBe(CATALOGUE);
    expect(b.store.getState().base).toBe('https://huggingface.co');
    const c = setup('{"schema":"nope"}');
    await c.store.getState().load();
    expect(c.store.getState().catalogue).toBe(CATALOGUE);
    expect(c.store.getState().message?.text).toMatch(/models\/catalogue.json is not a model catalogue .* The built-in catalogue is used\./);
  });

  it('a relative base in the deployment catalogue resolves against the app; the setting wins and is kept', async () => {
    const a = setup(JSON.stringify({ ...catalogue, base: '../mirror/' }));
    await a.store.getState().load();
    expect(a.store.getState().base).toBe(`${server.url}/mirror`);
    a.store.getState().setBase('nonsense');
    expect(a.store.getState().message?.text).toContain('"nonsense" is not a URL');
    a.store.getState().setBase(`${server.url}/mirror/`);
    expect(a.settings.get(MODEL_BASE_KEY)).toBe(`${server.url}/mirror`);
    a.store.getState().setBase('');
    expect(a.settings.has(MODEL_BASE_KEY)).toBe(false);
  });

  it('downloads, verifies and installs the entry with its hash-named file; reports progress up to the size', async () => {
    const a = setup(JSON.stringify({ ...catalogue, base: '/mirror' }));
    await a.store.getState().load();
    const seen: number[] = [];
    a.store.subscribe((s) => s.active && seen.push(s.active.received));
    expect(await a.store.getState().download('depthnet')).toBe(true);
    const e = byId.get('depthnet')!;
    expect(seen.at(-1)).toBe(e.bytes.length);
    expect(a.installed).toMatchObject([{ id: 'depthnet', family: 'depth-anything-v2', sha256: e.entry.sha256, bytes: e.bytes.length, origin: 'added', opfsFile: `${e.entry.sha256}.onnx` }]);
    expect(a.done.get(`${e.entry.sha256}.onnx`)!.length).toBe(e.bytes.length);
    expect(a.store.getState().message?.text).toContain('DepthNet 384 (fp32) downloaded and verified (SHA-256 matches)');
    expect(a.store.getState().active).toBeNull();
  });

  it('a refused file installs nothing and says why; a cancelled one says so', async () => {
    const a = setup(JSON.stringify({ ...catalogue, base: '/mirror' }));
    await a.store.getState().load();
    expect(await a.store.getState().download('bad-hash')).toBe(false);
    expect(a.installed).toEqual([]);
    expect(a.store.getState().message).toMatchObject({ kind: 'error', text: expect.stringContaining('Tampered Model (fp32) was refused') });
    expect(await a.store.getState().download('nope')).toBe(false);
    expect(a.store.getState().message?.text).toContain('No model "nope" in the catalogue');
  });
});
