// The verified download against a real local HTTP server (ranges, redirect, throttle), into a
// real file: fresh, resumed, restarted, cancelled, refused.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_MODELS_DIR } from '../../../scripts/testModels';
import { type TestServer, startTestServer } from '../../test/modelServer';
import { openFileSink } from '../node/fileSink';
import { fetchVerified, parseContentRange } from './fetchVerified';

const bytes = new Uint8Array(fs.readFileSync(path.join(TEST_MODELS_DIR, 'tiny-moge2.onnx')));
const sha = createHash('sha256').update(bytes).digest('hex');
const KEY = 'test/tiny-moge2/resolve/r1/model.onnx';
const servers: TestServer[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-fetch-'));
let n = 0;

async function serve(opts: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer({ files: new Map([[KEY, bytes]]), ranges: true, ...opts });
  servers.push(s);
  return s;
}
const req = (s: TestServer, extra = {}) => ({ url: `${s.url}/${KEY}`, sha256: sha, bytes: bytes.length, label: 'Tiny MoGe-2', ...extra });
const fileAt = () => path.join(tmp, `m${++n}.part`);

afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

describe('a verified model download', () => {
  it('fetches the whole file, reporting progress up to its size, and keeps exactly its bytes', async () => {
    const s = await serve({ redirect: true });
    const file = fileAt();
    const sink = await openFileSink(file);
    const seen: number[] = [];
    const r = await fetchVerified(req(s), { sink, onProgress: (got, total) => (expect(total).toBe(bytes.length), seen.push(got)) });
    await sink.close();
    expect(r).toEqual({ bytes: bytes.length, resumedFrom: 0 });
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(sha);
    // the resolve URL redirected to the CDN path, as the model host does
    expect(s.log.map((l) => l.status)).toEqual([302, 200]);
  });

  it('resumes a partial file with one open byte range and hashes the bytes already there', async () => {
    const s = await serve();
    const file = fileAt();
    fs.writeFileSync(file, bytes.subarray(0, 100_000));
    const sink = await openFileSink(file);
    const r = await fetchVerified(req(s), { sink });
    await sink.close();
    expect(r.resumedFrom).toBe(100_000);
    expect(s.log).toMatchObject([{ range: 'bytes=100000-', status: 206 }]);
    expect(Buffer.compare(fs.readFileSync(file), Buffer.from(bytes))).toBe(0);
  });

  it('starts again from zero when the server ignores ranges', async () => {
    const s = await serve({ ranges: false });
    const file = fileAt();
    fs.writeFileSync(file, bytes.subarray(0, 50_000));
    const sink = await openFileSink(file);
    const r = await fetchVerified(req(s), { sink });
    await sink.close();
    expect(r.resumedFrom).toBe(0); // the 200 replaced what was there
    expect(s.log.map((l) => l.status)).toEqual([200]);
    expect(Buffer.compare(fs.readFileSync(file), Buffer.from(bytes))).toBe(0);
  });

  it('a partial that is not a prefix of the file is caught by the hash, and nothing is kept', async () => {
    const s = await serve();
    const file = fileAt();
    const wrong = bytes.slice(0, 100_000);
    wrong[500] ^= 0xff;
    fs.writeFileSync(file, wrong);
    const sink = await openFileSink(file);
    await expect(fetchVerified(req(s), { sink })).rejects.toThrow(/Tiny MoGe-2 was refused: its SHA-256 is [0-9a-f]{16}…, not the published [0-9a-f]{16}…/);
    await sink.close();
    expect(fs.statSync(file).size).toBe(0);
  });

  it('refuses a file whose hash differs from the catalogue, naming both hashes', async () => {
    const s = await serve();
    const sink = await openFileSink(fileAt());
    const other = 'a'.repeat(64);
    await expect(fetchVerified(req(s, { sha256: other }), { sink })).rejects.toThrow(`its SHA-256 is ${sha.slice(0, 16)}…, not the published ${other.slice(0, 16)}…`);
    expect(await sink.size()).toBe(0);
    await sink.close();
  });

  it('refuses a file of another size before downloading it', async () => {
    const s = await serve();
    const sink = await openFileSink(fileAt());
    await expect(fetchVerified(req(s, { bytes: 27_258_801 }), { sink })).rejects.toThrow(/offers 439,\d{3} bytes where the catalogue says 27,258,801/);
    await sink.close();
  });

  it('names the HTTP status when the file is not there', async () => {
    const s = await serve();
    const sink = await openFileSink(fileAt());
    await expect(fetchVerified(req(s, { url: `${s.url}/nope/resolve/r1/model.onnx` }), { sink })).rejects.toThrow(/the server answered HTTP 404 for .*nope/);
    await sink.close();
  });

  it('a cancelled download keeps what arrived, and the next one resumes from there', async () => {
    const s = await serve({ bytesPerSecond: 400_000 });
    const file = fileAt();
    const sink = await openFileSink(file);
    const ac = new AbortController();
    const run = fetchVerified(req(s), { sink, signal: ac.signal, onProgress: (got) => got > 120_000 && ac.abort() });
    await expect(run).rejects.toThrow(/abort/i);
    const kept = await sink.size();
    expect(kept).toBeGreaterThan(120_000);
    expect(kept).toBeLessThan(bytes.length);
    s.options.bytesPerSecond = undefined;
    const r = await fetchVerified(req(s), { sink });
    await sink.close();
    expect(r.resumedFrom).toBe(kept);
    expect(s.log.at(-1)).toMatchObject({ range: `bytes=${kept}-`, status: 206 });
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(sha);
  });

  it('parses Content-Range headers', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: null });
    expect(parseContentRange('items 0-9/10')).toBeNull();
    expect(parseContentRange(null)).toBeNull();
  });
});
