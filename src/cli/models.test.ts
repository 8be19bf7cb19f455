// spatial-lens models list|pull|verify and lift --model <catalogue id> [--pull], against a local
// server standing in for the model host (the generated test models under a test catalogue).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { floorPhoto } from '../../e2e/fixtures';
import { testCatalogue } from '../../e2e/modelTestCatalogue';
import { type TestServer, startTestServer } from '../test/modelServer';
import { main } from './main';
import { defaultCacheDir, modelsCommand, modelsContext } from './models';

const { catalogue, files, byId } = testCatalogue();
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-models-'));
const dir = tmp();
const catalogueFile = path.join(dir, 'catalogue.json');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ files, ranges: true, redirect: true });
  fs.writeFileSync(catalogueFile, JSON.stringify({ ...catalogue, base: `${server.url}/mirror` }));
});
afterAll(() => server.close());

async function models(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await modelsCommand(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('spatial-lens models', () => {
  it('lists the built-in catalogue with sizes, licences, download URLs and what is cached', async () => {
    const r = await models('list', '--cache', tmp());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/dav2-small-int8 +Depth Anything V2 Small, int8 +27 MB +Apache-2.0 +not downloaded +\(recommended\)/);
    expect(r.out).toContain('https://huggingface.co/onnx-community/depth-anything-v2-small/resolve/02504fff2a0de682e3162e5e89bdeab034e1b96d/onnx/model_quantized.onnx');
    expect(r.out).toContain('(none offered) metric depth, outdoor');
  });

  it('pulls into the cache, verified, once; a second pull fetches nothing', async () => {
    const cache = tmp();
    const r = await models('pull', 'tiny-metric', '--cache', cache, '--catalogue', catalogueFile);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tiny-metric: 355 B from http:\/\/127\.0\.0\.1:\d+\/mirror\/test\/tiny-metric\/resolve\/r1\/onnx\/model\.onnx, SHA-256 verified/);
    expect(sha(path.join(cache, 'tiny-metric.onnx'))).toBe(byId.get('tiny-metric')!.entry.sha256);
    const n = server.log.length;
    const again = await models('pull', 'tiny-metric', '--cache', cache, '--catalogue', catalogueFile);
    expect(again.out).toContain('already in');
    expect(server.log.length).toBe(n);
    expect((await models('list', '--cache', cache, '--catalogue', catalogueFile)).out).toMatch(/tiny-metric .* cached/);
  });

  it('resumes a partial file with a byte range', async () => {
    const cache = tmp();
    const bytes = byId.get('depthnet')!.bytes;
    fs.writeFileSync(path.join(cache, 'depthnet.onnx.part'), bytes.subarray(0, 1_000_000));
    expect((await models('list', '--cache', cache, '--catalogue', catalogueFile)).out).toMatch(/depthnet .* partial 1 MB/);
    const r = await models('pull', 'depthnet', '--cache', cache, '--catalogue', catalogueFile);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(resumed at 1 MB)');
    expect(server.log.at(-1)).toMatchObject({ range: 'bytes=1000000-', status: 206 });
    expect(sha(path.join(cache, 'depthnet.onnx'))).toBe(byId.get('depthnet')!.entry.sha256);
    expect(r.err).toMatch(/depthnet: .* of 8 MB \(100 %\)/);
  });

  it('refuses a file whose SHA-256 is not the catalogue\'s and keeps nothing', async () => {
    const cache = tmp();
    const r = await models('pull', 'bad-hash', '--cache', cache, '--catalogue', catalogueFile);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Tampered Model \(fp32\) was refused: its SHA-256 is [0-9a-f]{16}…, not the published/);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('verify hashes the cached files again and names a changed one', async () => {
    const cache = tmp();
    await models('pull', 'tiny-metric', '--cache', cache, '--catalogue', catalogueFile);
    expect(await models('verify', '--cache', cache, '--catalogue', catalogueFile)).toMatchObject({ code: 0, out: expect.stringMatching(/^tiny-metric: ok \(355 B, SHA-256 [0-9a-f]{16}…\)$/) });
    const f = path.join(cache, 'tiny-metric.onnx');
    const b = fs.readFileSync(f);
    b[100] ^= 1;
    fs.writeFileSync(f, b);
    const r = await models('verify', 'tiny-metric', '--cache', cache, '--catalogue', catalogueFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain('tiny-metric: MISMATCH');
  });

  it('says what is wrong with the command line, an unknown id and a bad base', async () => {
    expect(await models('fetch')).toMatchObject({ code: 2, err: expect.stringContaining('say list, pull <id> or verify (found "fetch")') });
    expect(await models('pull', 'nope', '--cache', tmp())).toMatchObject({ code: 1, err: expect.stringContaining('No model "nope" in the catalogue; known ids: dav2-small-int8') });
    expect(await models('list', '--base', 'ftp://x')).toMatchObject({ code: 1, err: expect.stringContaining('http or https') });
  });

  it('finds the cache and the base where the platform and the environment put them', () => {
    expect(defaultCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/spatial-lens/models');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/spatial-lens/models');
    expect(defaultCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/spatial-lens/models');
    expect(defaultCacheDir({ SPATIAL_LENS_CACHE: '/c' }, 'linux', '/home/u')).toBe('/c');
    expect(modelsContext({}, { SPATIAL_LENS_MODEL_BASE: 'https://mirror.example.org/hf/' }).base).toBe('https://mirror.example.org/hf');
    expect(modelsContext({}, {}).base).toBe('https://huggingface.co');
  });
});

describe('spatial-lens lift --model <catalogue id>', () => {
  const photoDir = tmp();
  fs.writeFileSync(path.join(photoDir, 'floor.png'), floorPhoto());
  fs.writeFileSync(path.join(photoDir, 'K.json'), JSON.stringify({ fx: 260, fy: 260, cx: 159.5, cy: 119.5 }));
  async function lift(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const e = vi.spyOn(console, 'error').mockImplementation((s) => void err.push(String(s)));
    try {
      return { code: await main(['lift', path.join(photoDir, 'floor.png'), '--intrinsics', path.join(photoDir, 'K.json'), ...args]), out: out.join(''), err: err.join('\n') };
    } finally {
      w.mockRestore();
      e.mockRestore();
    }
  }
  it('downloads on first use only with --pull, then lifts with the cached file', async () => {
    const cache = tmp();
    const outDir = tmp();
    const common = ['--model', 'tiny-metric', '--cache', cache, '--catalogue', catalogueFile, '--out', outDir];
    const refused = await lift(common);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Tiny Metric Depth (fp32, 355 B, Apache-2.0) is not downloaded yet; run "spatial-lens models pull tiny-metric", or add --pull');
    const n = server.log.length;
    const r = await lift([...common, '--pull']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('SHA-256 verified');
    const line = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect(line.ok).toBe(true);
    expect(Math.abs(line.gravity.cameraHeight - 1.4)).toBeLessThan(0.06);
    expect(server.log.length).toBe(n + 2); // the redirect and the file
    const again = await lift(common);
    expect(again.code).toBe(0);
    expect(server.log.length).toBe(n + 2);
  });
});
