import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../../qa/types';
import type { ItemSource } from '../types';
import { importAll, importFiles, type ImportFile, type ImportPhase } from './importer';
import { sourceRecord } from './layouts';
import { fixtureFiles } from '../../../test/reviewFiles';

const SENTENCE = 'spar7m/scannet/qa_jsonl/train/depth_prediction_oc/sentence/sentence_2.jsonl';
const SB_JSONL = 'spar-bench-jsonl/sparbench_test.jsonl';
const PARQUET = 'spar-bench/test-00000-of-00001.parquet';
const MV_MISSING = 'spar7m/scannet/qa_jsonl/train/depth_prediction_oo_mv/fill/fill_1.jsonl';
const MV_PRESENT = 'spar7m/scannet/qa_jsonl/train/distance_prediction_oo_mv/fill/fill_1.jsonl';
const IMG_543 = 'spar7m/scannet/images/scene0261_00/image_color/543.jpg';

const file = (path: string, text: string | Uint8Array): ImportFile => ({ path, blob: new Blob([typeof text === 'string' ? text : (text as Uint8Array<ArrayBuffer>)]) });
const byId = <T extends { appId: string }>(items: T[]) => new Map(items.map((i) => [i.appId, i] as const));

describe('importFiles: the fixture drop', () => {
  it('imports every layout, reports the bad line and the duplicate, lists the missing images', async () => {
    const r = await importAll(await fixtureFiles());
    expect(r.summary.items).toBe(17);
    expect(r.summary.byLayout).toEqual({ 'spatial-lens': 3, spar7m: 5, 'spar-bench': 9 });
    expect(r.items).toHaveLength(17);
    // 4 PNGs, 3 JPEGs and a 16-bit depth PNG dropped, 8 embedded in the parquet file
    expect(r.images).toHaveLength(16);

    expect(r.problems).toEqual([
      // parquet comes first, then the JSONL files in drop order
      { file: SB_JSONL, line: 4, kind: 'duplicate', message: 'id "2" was already imported from line 3 of this file; this later record (line 4) was skipped' },
      expect.objectContaining({ file: SENTENCE, line: 3, kind: 'line', message: expect.stringMatching(/^not valid JSON/) }),
    ]);
    expect(r.summary).toMatchObject({ badRecords: 1, duplicates: 1, missingImages: 5, problems: 2 });

    const missing = new Map(r.missing.map((m) => [m.appId, m]));
    expect([...missing.keys()].sort()).toEqual(
      [
        `${SB_JSONL}#3`,
        `${MV_MISSING}#scene0042_00_8`,
        'qa/living-room.jsonl#living-room/depth_prediction_oc/fill/0001',
        'qa/living-room.jsonl#living-room/depth_prediction_oc/select/0001',
        'qa/living-room.jsonl#living-room/depth_prediction_oc/sentence/0001',
      ].sort(),
    );
    expect(missing.get(`${SB_JSONL}#3`)).toEqual({ appId: `${SB_JSONL}#3`, file: SB_JSONL, line: 5, images: ['sb_3_0.png', 'sb_3_1.png'] });
    expect(missing.get(`${MV_MISSING}#scene0042_00_8`)!.images).toHaveLength(3);

    const items = byId(r.items);
    // Flags
    expect(items.get(`${SB_JSONL}#3`)!.flags).toEqual(['missing-image', 'multi-view']);
    expect(items.get(`${SB_JSONL}#2`)!.flags).toEqual(['html-in-text']);
    expect(items.get(`${SB_JSONL}#2`)!.item.answer).toBe('B'); // the first of the two id-2 lines
    expect(items.get(`${PARQUET}#1`)!.flags).toEqual(['multi-view']);
    expect(items.get(`${PARQUET}#0`)!.flags).toEqual([]);

    // The real record: image found under images/ by its path suffix, size read from the JPEG (640×480)
    const real = items.get(`${SENTENCE}#scene0261_00_16`)!;
    expect(real.imagePaths).toEqual([IMG_543]);
    expect(real.item.spatial_lens.marks.map((m) => m.uv)).toEqual([
      [(553 / 1000) * 640 - 0.5, (397 / 1000) * 480 - 0.5],
      [(641 / 1000) * 640 - 0.5, (838 / 1000) * 480 - 0.5],
    ]);
    expect((real.item.spatial_lens.source as ItemSource).markScale).toEqual([{ width: 640, height: 480 }]);
    expect(real.item.spatial_lens.marks[0].uv![0]).toBeCloseTo(353.42, 9);
    const second = items.get(`${SENTENCE}#scene0261_00_17`)!;
    expect(second.item.spatial_lens.marks[1].uv).toEqual([159.5, 239.5]);
    expect((second.item.spatial_lens.source as ItemSource).line).toBe(4);

    // Multi-view, images present (320×240): red on image 0, blue on image 1
    const mv = items.get(`${MV_PRESENT}#scene0011_00_3`)!;
    expect(mv.flags).toEqual(['multi-view']);
    expect(mv.item.spatial_lens.format).toBe('fill');
    expect(mv.item.spatial_lens.marks).toEqual([
      { kind: 'point', color: 'red', uv: [79.5, 119.5], image: 0 },
      { kind: 'point', color: 'blue', uv: [239.5, 29.5], image: 1 },
    ]);

    // Parquet rows: numeric source ids, row index + 1 as line, image names resolved to the embedded images
    const p3 = items.get(`${PARQUET}#3`)!;
    // the embedded images' struct paths (none here) are kept, so a parquet export writes them back
    expect(p3.item.spatial_lens.source).toEqual({ file: PARQUET, line: 4, layout: 'spar-bench', id: 3, imagePaths: [null, null] });
    expect(p3.item.image).toEqual([`${PARQUET}/3_0.png`, `${PARQUET}/3_1.png`]);
    expect(p3.imagePaths).toEqual(p3.item.image);
    expect(p3.item.answer).toBe('move_right:0.3,rotate_left:15,move_forward:1.2');
    expect(items.get(`${PARQUET}#4`)!.item.spatial_lens.options).toEqual(['A. left', 'B. right', 'C. up', 'D. down']);
    expect(items.get(`${PARQUET}#0`)!.item.spatial_lens.scene).toBe('');

    // Images with their sizes
    const images = new Map(r.images.map((i) => [i.path, i]));
    expect(images.get(IMG_543)).toMatchObject({ width: 640, height: 480 });
    expect(images.get('spar-bench-jsonl/images/sb_0_0.png')).toMatchObject({ width: 8, height: 6 });
    expect(images.get(`${PARQUET}/1_1.png`)).toMatchObject({ width: 6, height: 4 });
    expect(new Uint8Array(await images.get(`${PARQUET}/1_1.png`)!.blob.arrayBuffer())).toEqual(
      new Uint8Array(await images.get('spar-bench-jsonl/images/sb_1_1.png')!.blob.arrayBuffer()),
    );
  });

  it('imports a zip of the same drop alike, refusing traversal entries and importing the rest', async () => {
    const files = await fixtureFiles();
    const tree: Record<string, Uint8Array> = {};
    for (const f of files) tree[f.path] = new Uint8Array(await f.blob.arrayBuffer());
    tree['../../escape.jsonl'] = strToU8('{}\n');
    tree['/etc/evil.png'] = strToU8('x');
    tree['__MACOSX/spar7m/._x.jsonl'] = strToU8('junk');
    const zip = zipSync(tree);
    const r = await importAll([file('drops/all.zip', zip)]);
    expect(r.summary.items).toBe(17);
    expect(r.items.some((i) => i.appId === `drops/all.zip/${SENTENCE}#scene0261_00_16`)).toBe(true);
    const zipProblems = r.problems.filter((p) => p.kind === 'zip-entry');
    expect(zipProblems.map((p) => p.message)).toEqual([expect.stringMatching(/"\.\.\/\.\.\/escape\.jsonl" climbs out/), expect.stringMatching(/"\/etc\/evil\.png" is an absolute path/)]);
    expect(r.summary.skipped).toEqual(['drops/all.zip/__MACOSX/spar7m/._x.jsonl']);
    const real = r.items.find((i) => i.appId.endsWith('#scene0261_00_16'))!;
    expect(real.imagePaths).toEqual([`drops/all.zip/${IMG_543}`]);
  });
});

describe('importFiles: zips', () => {
  it('unpacks nested zips and zips known only by their bytes; reports a .zip that is not one', async () => {
    const qa = new Uint8Array(await (await fixtureFiles('qa'))[0].blob.arrayBuffer());
    const inner = zipSync({ 'deep/items.jsonl': qa });
    const outer = zipSync({ 'inner.zip': inner, 'x.png.bak': strToU8('?') });
    const r = await importAll([file('outer.zip', outer), file('blob-without-name', zipSync({ 'b.jsonl': qa })), file('broken.zip', strToU8('not a zip'))]);
    // Files found at a lower nesting depth come first
    expect(r.items.map((i) => i.appId.split('#')[0])).toEqual([...Array(3).fill('blob-without-name/b.jsonl'), ...Array(3).fill('outer.zip/inner.zip/deep/items.jsonl')]);
    expect(r.problems.map((p) => [p.file, p.kind])).toEqual(
      expect.arrayContaining([
        ['broken.zip', 'zip-entry'],
        ['outer.zip/x.png.bak', 'ignored'],
      ]),
    );
  });
});

describe('importFiles: duplicates and images already in the project', () => {
  it('skips ids already in the project, saying so', async () => {
    const files = await fixtureFiles('qa');
    const first = await importAll(files);
    const again = await importAll(files, { existingIds: new Set(first.items.map((i) => i.appId)) });
    expect(again.items).toHaveLength(0);
    expect(again.summary.duplicates).toBe(3);
    expect(again.problems[0]).toEqual({
      file: 'qa/living-room.jsonl',
      line: 1,
      kind: 'duplicate',
      message: 'id "living-room/depth_prediction_oc/fill/0001" is already in the project (qa/living-room.jsonl#living-room/depth_prediction_oc/fill/0001); this record was skipped',
    });
  });

  it('finds images stored earlier (sizes from the store used for SPAR-7M marks)', async () => {
    const qa = await importAll(await fixtureFiles('qa'), { existingImages: new Set(['photos/living-room.jpg']) });
    expect(qa.missing).toEqual([]);
    expect(qa.items[0].imagePaths).toEqual(['photos/living-room.jpg']);
    expect(qa.items[0].flags).not.toContain('missing-image');

    const spar = (await fixtureFiles('spar7m')).filter((f) => f.path.endsWith('sentence_2.jsonl'));
    const r = await importAll(spar, { existingImages: new Map([['scannet/images/scene0261_00/image_color/543.jpg', { width: 1296, height: 968 }]]) });
    expect(r.missing).toEqual([]);
    expect(r.items[0].item.spatial_lens.marks[0].uv).toEqual([(553 / 1000) * 1296 - 0.5, (397 / 1000) * 968 - 0.5]);
  });
});

describe('importFiles: resolving image paths', () => {
  it('prefers the path relative to the item file, then the root, then the longest suffix, then the nearest', async () => {
    const png = new Uint8Array(await (await fixtureFiles('spar-bench-jsonl/images'))[0].blob.arrayBuffer());
    const row = (id: number, image: string[]) => JSON.stringify({ id, img_type: 'single_view', format_type: 'fill', task: 't', source: 's', image, question: 'q', answer: '1' });
    const files = [
      file('set/a/items.jsonl', [row(0, ['img/x.png']), row(1, ['top/y.png']), row(2, ['deep/z.png']), row(3, ['w.png']), row(4, ['nowhere/v.png'])].join('\n')),
      file('set/a/img/x.png', png),
      file('set/img/x.png', png),
      file('top/y.png', png),
      file('set/b/deep/z.png', png),
      file('set/c/z.png', png),
      file('other/w.png', png),
      file('set/a/sub/w.png', png),
    ];
    const r = await importAll(files);
    expect(r.items.map((i) => i.imagePaths[0])).toEqual(['set/a/img/x.png', 'top/y.png', 'set/b/deep/z.png', 'set/a/sub/w.png', null]);
    expect(r.missing.map((m) => m.line)).toEqual([5]);
  });
});

describe('importFiles: problems', () => {
  it('reports lines of the wrong shape with their line numbers and imports the rest', async () => {
    const good = JSON.stringify({ id: 'a', image: [], task: 't', question: 'q', answer: '1', spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill' } });
    const v2 = JSON.stringify({ id: 'b', image: [], task: 't', question: 'q', answer: '1', spatial_lens: { schema: 'spatial-lens/qa@2', format: 'fill' } });
    const text = [good, '', '[1, 2]', v2, '{"hello": "world"}', '{"id": 3, "format_type": "fill", "task": "t", "question": "q", "answer": "1", "image": "one.png"}', '{oops'].join('\r\n');
    const r = await importAll([file('x/items.jsonl', text), file('notes.txt', 'hello'), file('mesh.ply', 'ply')]);
    expect(r.items.map((i) => i.appId)).toEqual(['x/items.jsonl#a', 'x/items.jsonl#3']);
    expect(r.problems.filter((p) => p.kind === 'line').map((p) => [p.line, p.message])).toEqual([
      [3, 'expected a JSON object (a QA item), got an array'],
      [4, 'spatial_lens.schema is "spatial-lens/qa@2"; this version of Spatial Lens reads spatial-lens/qa@1 only (was the file written by a newer version?)'],
      [5, expect.stringMatching(/^not a QA item/)],
      [7, expect.stringMatching(/^not valid JSON/)],
    ]);
    expect(r.problems.filter((p) => p.kind === 'ignored').map((p) => p.file)).toEqual(['notes.txt', 'mesh.ply']);
  });

  it('passes scene files through, reporting an unreadable one', async () => {
    const scene = { schema: 'spatial-lens/scene@1', id: 'room', image: { file: 'room.jpg', width: 4, height: 3 }, camera: { fx: 1, fy: 1, cx: 1.5, cy: 1, source: 'manual' }, worldFromCamera: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] };
    const r = await importAll([file('s/room.scene.json', JSON.stringify(scene)), file('s/bad.scene.json', '{"schema": "spatial-lens/scene@9"}')]);
    expect(r.scenes).toHaveLength(1);
    expect(r.scenes[0]).toMatchObject({ path: 's/room.scene.json', scene: { id: 'room', objects: [], views: [] } });
    expect(r.problems).toEqual([{ file: 's/bad.scene.json', kind: 'file', message: expect.stringMatching(/scene@9/) }]);
  });

  it('reads a .json file holding an array of items', async () => {
    const items = [0, 1].map((i) => ({ id: i, img_type: 'single_view', format_type: 'fill', task: 't', source: 's', image: [], question: 'q', answer: String(i) }));
    const r = await importAll([file('arr.json', JSON.stringify(items, null, 2))]);
    expect(r.items.map((i) => [i.appId, (i.item.spatial_lens.source as ItemSource).line])).toEqual([
      ['arr.json#0', 2],
      ['arr.json#1', 12],
    ]);
  });
});

describe('importFiles: batches and progress', () => {
  it('yields bounded batches (images before the items naming them) and reports progress up to the total', async () => {
    const calls: [number, number, ImportPhase][] = [];
    const gen = importFiles(await fixtureFiles(), { batchSize: 2, onProgress: (d, t, p) => calls.push([d, t, p]) });
    const stored = new Set<string>();
    let batches = 0;
    let items = 0;
    for (;;) {
      const n = await gen.next();
      if (n.done) {
        expect(n.value.items).toBe(17);
        break;
      }
      batches++;
      const b = n.value;
      expect(b.items.length).toBeLessThanOrEqual(2);
      for (const im of b.images) stored.add(im.path);
      // Every image an item found is stored by the time the item is handed out
      for (const it of b.items) for (const p of it.imagePaths) if (p) expect(stored.has(p), p).toBe(true);
      items += b.items.length;
    }
    expect(items).toBe(17);
    expect(batches).toBeGreaterThan(8);
    const itemCalls = calls.filter((c) => c[2] === 'items');
    for (let i = 1; i < itemCalls.length; i++) expect(itemCalls[i][0]).toBeGreaterThanOrEqual(itemCalls[i - 1][0]);
    expect(itemCalls.at(-1)![0]).toBe(itemCalls.at(-1)![1]);
    expect(calls.at(-1)![2]).toBe('done');
  });

  it('can be cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(importAll(await fixtureFiles('qa'), { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('importFiles: exported records import to the same items', () => {
  it('round trip through files for all three layouts', async () => {
    const first = await importAll(await fixtureFiles());
    // Write each source file's items back in their own layout, under the same file names
    const bySource = new Map<string, QAItem[]>();
    for (const { item } of first.items) {
      const f = (item.spatial_lens.source as ItemSource).file;
      (bySource.get(f) ?? bySource.set(f, []).get(f)!).push(item);
    }
    const images = first.images.map((i) => ({ path: i.path, blob: i.blob }));
    const files = [...bySource].map(([f, list]) => file(f.replace(/\.parquet$/, '.parquet.jsonl'), list.map((i) => JSON.stringify(sourceRecord(i))).join('\n') + '\n'));
    const again = await importAll([...files, ...images]);
    expect(again.problems).toEqual([]);
    expect(again.items).toHaveLength(17);
    const strip = (i: QAItem) => {
      const { source, ...sl } = i.spatial_lens;
      return { ...i, spatial_lens: { ...sl, source: { ...(source as ItemSource), file: '', line: 0 } } };
    };
    const key = (i: QAItem) => `${(i.spatial_lens.source as ItemSource).file.replace(/\.parquet\.jsonl$/, '.parquet')}#${i.id}`;
    const before = new Map(first.items.map((i) => [key(i.item), strip(i.item)]));
    expect(new Set(again.items.map((i) => key(i.item)))).toEqual(new Set(before.keys()));
    for (const { item } of again.items) expect(strip(item)).toEqual(before.get(key(item)));
  });
});

describe('importFiles: a large file', () => {
  it('imports 100k JSONL lines (~50 MB) in reasonable time', async () => {
    const N = 100_000;
    const pad = 'x'.repeat(260);
    const parts: string[] = [];
    let chunk: string[] = [];
    for (let i = 0; i < N; i++) {
      const rec =
        i % 2 === 0
          ? { id: `scene${i}_${i}`, conversations: [{ from: 'human', value: `How deep is the chair (red point)? ${pad}` }, { from: 'gpt', value: `${i % 7}.5 meters` }], image: [`scene${i}/image_color/${i}.jpg`], type: 'depth_prediction_oc', depth: [`scene${i}/image_depth/${i}.png`], red_point: [[i % 1000, (i * 7) % 1000]] }
          : { id: i, img_type: 'single_view', format_type: 'select', task: 'obj_spatial_relation_oo', source: 'scannet', image: [`img/${i}.png`], question: `Where is it? A. left; B. right; C. front; D. behind. ${pad}`, answer: 'A' };
      chunk.push(JSON.stringify(rec));
      if (chunk.length === 1000) {
        parts.push(chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    const blob = new Blob(parts);
    expect(blob.size).toBeGreaterThan(40e6);
    const t = performance.now();
    let items = 0;
    let missing = 0;
    let maxBatch = 0;
    const gen = importFiles([{ path: 'big/train.jsonl', blob }]);
    for (;;) {
      const n = await gen.next();
      if (n.done) break;
      items += n.value.items.length;
      missing += n.value.missing.length;
      maxBatch = Math.max(maxBatch, n.value.items.length);
    }
    const ms = performance.now() - t;
    console.log(`100k-line import (${(blob.size / 1e6).toFixed(1)} MB): ${(ms / 1000).toFixed(2)} s`);
    expect(items).toBe(N);
    expect(missing).toBe(N);
    expect(maxBatch).toBe(2000);
    expect(ms).toBeLessThan(10_000);
  });
});
