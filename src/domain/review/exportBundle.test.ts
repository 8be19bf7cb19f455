import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { type ExportEntry, type ExportOptions, Sha256, crc32, exportStream, readExport, safeZipPath, writeExport } from './exportBundle';
import { REVIEW_SCHEMA, type StoredDecision } from './types';

const nodeSha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('hashes', () => {
  it('SHA-256: FIPS 180-2 vectors', () => {
    const h = (s: string) => new Sha256().update(strToU8(s)).hex();
    expect(h('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(h('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(h('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('SHA-256 fed in pieces equals node:crypto and crypto.subtle on the whole', async () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_003]) {
      const data = new Uint8Array(n).map(() => Math.floor(rnd() * 256));
      const s = new Sha256();
      for (let i = 0; i < n; ) {
        const k = Math.min(n - i, 1 + Math.floor(rnd() * 200));
        s.update(data.subarray(i, i + k));
        i += k;
      }
      const hex = s.hex();
      expect(hex).toBe(nodeSha(data));
      const sub = Buffer.from(await crypto.subtle.digest('SHA-256', data)).toString('hex');
      expect(hex).toBe(sub);
    }
  });

  it('CRC-32: the check value of "123456789" is cbf43926; pieces chain', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(strToU8('6789'), crc32(strToU8('12345')))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('safeZipPath', () => {
    expect(safeZipPath('a/b.jpg')).toBe('a/b.jpg');
    expect(safeZipPath('/abs/../x\\y/./z.png')).toBe('abs/__/x/y/z.png');
    expect(safeZipPath('')).toBe('_');
  });
});

// ---------------------------------------------------------------- fixture

const qa = (id: string, task: string, answer: string, image: string, layout: string): QAItem => ({
  id,
  image: [image],
  task,
  question: `Q ${id}, with "quotes"`,
  answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's1', generator: { name: 'spatial-lens', version: '0', seed: 1 }, layout },
});
const decision = (item: string, d: 'accept' | 'fix' | 'reject', extra: Partial<StoredDecision> = {}): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item,
  decision: d,
  reviewer: 'ana',
  startedAt: '2026-11-23T10:00:00.000Z',
  decidedAt: '2026-11-23T10:00:12.000Z',
  key: 1,
  uid: `u-${item}`,
  project: 'p',
  ...extra,
});
const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
const img1 = bytes(3000, 7);
const img2 = new Blob([bytes(500, 9)], { type: 'image/png' });

const entries: ExportEntry[] = [
  { appId: 'f.jsonl#0', item: qa('0', 'dist', '1.3', 'img/a.jpg', 'spar-bench'), review: decision('f.jsonl#0', 'accept'), images: [{ path: 'img/a.jpg', blob: img1 }] },
  {
    appId: 'f.jsonl#1',
    item: qa('1', 'dist', '2.0', 'img/a.jpg', 'spar-bench'),
    review: decision('f.jsonl#1', 'fix', { edits: { answer: ['2.0', '2.5'] } }),
    images: [{ path: 'img/a.jpg', blob: img1 }],
  },
  { appId: 'g/2', item: qa('2', 'count', '=3', 'b.png', 'spatial-lens'), review: undefined, images: [{ path: 'b.png', blob: img2 }], marked: [{ path: 'g__2.jpg', blob: bytes(40, 3) }] },
];
// The layout conversion is another module's; a stand-in that is easy to predict.
const opts: ExportOptions = {
  recordOf: (item, review) => ({ id: item.id, answer: review?.edits?.answer?.[1] ?? item.answer, decision: review?.decision ?? null }),
  layoutOf: (item) => String(item.spatial_lens.layout),
  filter: { tasks: ['dist', 'count'] },
  scenes: [{ path: 's1.scene.json', data: '{"schema":"spatial-lens/scene@1"}' }],
  createdAt: '2026-11-23T12:00:00.000Z',
};

async function collect(write: (sink: (c: Uint8Array) => void) => Promise<unknown>): Promise<{ zip: Uint8Array; chunks: number }> {
  const parts: Uint8Array[] = [];
  await write((c) => {
    parts.push(c.slice());
  });
  const zip = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    zip.set(p, o);
    o += p.length;
  }
  return { zip, chunks: parts.length };
}

describe('writeExport / readExport', () => {
  it('writes the layout files, deduplicated images, scenes, summary and manifest, and reads them back verified', async () => {
    let manifest: Awaited<ReturnType<typeof writeExport>> | undefined;
    const { zip, chunks } = await collect(async (sink) => (manifest = await writeExport(entries, opts, sink)));
    expect(chunks).toBeGreaterThan(5);

    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['images/b.png', 'images/img/a.jpg', 'items/spar-bench.jsonl', 'items/spatial-lens.jsonl', 'manifest.json', 'marked/g__2.jpg', 'scenes/s1.scene.json', 'summary.csv']);

    const spar = '{"id":"0","answer":"1.3","decision":"accept"}\n{"id":"1","answer":"2.5","decision":"fix"}\n';
    const ours = '{"id":"2","answer":"=3","decision":null}\n';
    const csv =
      'app_id,source_file,source_id,task,format,status,reasons,reviewer,seconds,original_answer,final_answer\r\n' +
      'f.jsonl#0,generated,0,dist,fill,accept,,ana,12,1.3,1.3\r\n' +
      'f.jsonl#1,generated,1,dist,fill,fix,,ana,12,2.0,2.5\r\n' +
      "g/2,generated,2,count,fill,undecided,,,,'=3,'=3\r\n";
    expect(new TextDecoder().decode(files['items/spar-bench.jsonl'])).toBe(spar);
    expect(new TextDecoder().decode(files['items/spatial-lens.jsonl'])).toBe(ours);
    expect(new TextDecoder().decode(files['summary.csv'])).toBe(csv);

    const m = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(m).toEqual(manifest);
    expect(m.schema).toBe('spatial-lens/export@1');
    expect(m.createdAt).toBe('2026-11-23T12:00:00.000Z');
    expect(m.filter).toEqual({ tasks: ['dist', 'count'] });
    expect(m.counts).toEqual({ items: 3, byTask: { dist: 2, count: 1 }, byDecision: { accept: 1, fix: 1, reject: 0, undecided: 1 }, byLayout: { 'spar-bench': 2, 'spatial-lens': 1 }, images: 2, marked: 1, scenes: 1 });
    const scene = '{"schema":"spatial-lens/scene@1"}';
    expect([...m.files].sort((a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : 1))).toEqual([
      { path: 'images/b.png', bytes: 500, sha256: nodeSha(bytes(500, 9)) },
      { path: 'images/img/a.jpg', bytes: 3000, sha256: nodeSha(img1) },
      { path: 'items/spar-bench.jsonl', bytes: Buffer.byteLength(spar), sha256: nodeSha(spar) },
      { path: 'items/spatial-lens.jsonl', bytes: Buffer.byteLength(ours), sha256: nodeSha(ours) },
      { path: 'marked/g__2.jpg', bytes: 40, sha256: nodeSha(bytes(40, 3)) },
      { path: 'scenes/s1.scene.json', bytes: scene.length, sha256: nodeSha(scene) },
      { path: 'summary.csv', bytes: Buffer.byteLength(csv), sha256: nodeSha(csv) },
    ]);

    const back = await readExport(zip);
    expect(back.records).toEqual({
      'spar-bench': [
        { id: '0', answer: '1.3', decision: 'accept' },
        { id: '1', answer: '2.5', decision: 'fix' },
      ],
      'spatial-lens': [{ id: '2', answer: '=3', decision: null }],
    });
    expect([...back.images.keys()].sort()).toEqual(['b.png', 'img/a.jpg']);
    expect(back.images.get('img/a.jpg')).toEqual(img1);
    expect(back.images.get('b.png')).toEqual(bytes(500, 9));
    expect(new TextDecoder().decode(back.scenes.get('s1.scene.json'))).toBe(scene);
    expect(back.summaryCsv).toBe(csv);
    expect(back.unlisted).toEqual([]);
  });

  it('streams: an image is in the sink before the next item is asked for', async () => {
    const big = bytes(1 << 20, 3);
    let received = 0;
    const seenBeforeSecond: number[] = [];
    async function* gen(): AsyncGenerator<ExportEntry> {
      yield { appId: 'a', item: qa('a', 't', '1', 'big.jpg', 'x'), images: [{ path: 'big.jpg', blob: big }] };
      seenBeforeSecond.push(received);
      yield { appId: 'b', item: qa('b', 't', '1', 'big2.jpg', 'x'), images: [{ path: 'big2.jpg', blob: bytes(10, 1) }] };
    }
    await writeExport(gen(), { ...opts, scenes: undefined }, (c) => {
      received += c.length;
    });
    expect(seenBeforeSecond[0]).toBeGreaterThan(1 << 20);
  });

  it('as a ReadableStream', async () => {
    const { stream, manifest } = exportStream(entries, opts);
    const zip = new Uint8Array(await new Response(stream).arrayBuffer());
    const m = await manifest;
    expect(m.counts.items).toBe(3);
    const back = await readExport(zip);
    expect(back.records['spar-bench']).toHaveLength(2);
  });

  it('two different images under one name are refused', async () => {
    const clash: ExportEntry[] = [entries[0], { ...entries[1], images: [{ path: 'img/a.jpg', blob: bytes(10, 1) }] }];
    await expect(writeExport(clash, opts, () => {})).rejects.toThrow(/Two different images are named img\/a.jpg/);
  });

  it('a changed file, a missing file and a newer schema are refused with clear messages', async () => {
    const { zip } = await collect((sink) => writeExport(entries, opts, sink));
    const files = unzipSync(zip);
    const changed = zipSync({ ...files, 'images/b.png': bytes(500, 8) });
    await expect(readExport(changed)).rejects.toThrow(/images\/b.png does not match its SHA-256/);
    const { 'summary.csv': _gone, ...rest } = files;
    await expect(readExport(zipSync(rest))).rejects.toThrow(/summary.csv is missing/);
    const m = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    const newer = zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify({ ...m, schema: 'spatial-lens/export@2' })) });
    await expect(readExport(newer)).rejects.toThrow(/newer version of Spatial Lens \(schema spatial-lens\/export@2\)/);
    await expect(readExport(zipSync({ 'a.txt': strToU8('x') }))).rejects.toThrow(/no manifest.json/);
    await expect(readExport(strToU8('not a zip'))).rejects.toThrow(/not a readable zip/);
  });

  it('100k items (no images) stream through in bounded memory (time printed)', async () => {
    const N = 100_000;
    function* many(): Generator<ExportEntry> {
      for (let i = 0; i < N; i++) {
        const item = qa(String(i), i % 2 ? 'dist' : 'count', String(i % 7), 'x.jpg', i % 3 ? 'spar-bench' : 'spatial-lens');
        yield { appId: `f#${i}`, item, review: i % 5 ? decision(`f#${i}`, 'accept') : undefined, images: [] };
      }
    }
    let size = 0;
    let chunks = 0;
    const t0 = performance.now();
    const m = await writeExport(many(), { ...opts, scenes: undefined }, (c) => {
      size += c.length;
      chunks++;
    });
    const ms = performance.now() - t0;
    const raw = m.files.reduce((s, f) => s + f.bytes, 0);
    console.log(`export of ${N} items: ${ms.toFixed(0)} ms, ${(raw / 1e6).toFixed(1)} MB of text → ${(size / 1e6).toFixed(1)} MB zip in ${chunks} chunks`);
    // i % 5 == 0 undecided: 20,000; i odd → dist: 50,000; i % 3 == 0 → spatial-lens: 33,334.
    expect(m.counts.byDecision).toEqual({ accept: 80_000, fix: 0, reject: 0, undecided: 20_000 });
    expect(m.counts.byTask).toEqual({ count: 50_000, dist: 50_000 });
    expect(m.counts.byLayout).toEqual({ 'spatial-lens': 33_334, 'spar-bench': 66_666 });
  }, 60_000);
});
