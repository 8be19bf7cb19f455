// SPAR-Bench imported as parquet goes back out as parquet with the same columns, the same values
// and the images inside, and importing that export gives back the same items and decisions.
// Expectations come from the fixture file itself, read with hyparquet independently of the app.
import { unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureFiles } from '../../../test/reviewFiles';
import { checkExport, exportModified } from '../exportCheck';
import { type ExportEntry, writeExport } from '../exportBundle';
import { importAll, type ImportResult } from '../import/importer';
import type { ExportReview } from '../import/layouts';
import { REVIEW_SCHEMA, type StoredDecision } from '../types';
import { PARQUET_PATH, exportTarget, layoutRecord } from './records';
import { parquetItemFile } from './parquetFile';
import { PARQUET_META_KEY, SparBenchParquetWriter, carriedRows } from './sparBenchParquet';

const FILE = 'spar-bench/test-00000-of-00001.parquet';

/** The parquet as hyparquet reads it: column names and types from the schema, rows as objects. */
async function readRaw(bytes: Uint8Array) {
  const buf = bytes.slice().buffer;
  const metadata = parquetMetadata(buf);
  const schema = parquetSchema(metadata).children.map((c) => ({ name: c.element.name, type: c.element.type ?? c.element.converted_type, children: c.children.length }));
  const rows = await parquetReadObjects({ file: buf, compressors, utf8: false });
  return { metadata, schema, rows };
}

const decision = (item: string, d: 'accept' | 'fix' | 'reject', extra: Partial<StoredDecision> = {}): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item,
  decision: d,
  reviewer: 'ana',
  startedAt: '2026-12-06T10:00:00.000Z',
  decidedAt: '2026-12-06T10:00:04.000Z',
  uid: `u-${item}`,
  project: 'p',
  ...extra,
});

function exportReview(d: StoredDecision | undefined, answer: string): ExportReview | undefined {
  if (!d || d.decision === 'undo') return undefined;
  return { decision: d.decision, reviewer: d.reviewer, startedAt: d.startedAt, decidedAt: d.decidedAt, ...(d.reasons ? { reasons: d.reasons } : {}), ...(d.edits ? { edits: d.edits } : {}), ...(d.decision === 'fix' ? { original: { answer } } : {}) };
}

async function entriesOf(r: ImportResult, decisions: Map<string, StoredDecision>): Promise<ExportEntry[]> {
  const blobs = new Map(r.images.map((i) => [i.path, i.blob]));
  return r.items.map((i) => ({
    appId: i.appId,
    item: i.item,
    review: decisions.get(i.appId),
    images: i.item.image.flatMap((name, k) => (i.imagePaths[k] && blobs.get(i.imagePaths[k]!) ? [{ path: name, blob: blobs.get(i.imagePaths[k]!)! }] : [])),
  }));
}

async function exportParquet(entries: ExportEntry[], withImages = true): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeExport(
    entries,
    {
      recordOf: (item, review) => layoutRecord(item, exportReview(review, item.answer), 'as-imported'),
      layoutOf: () => 'unused',
      targetOf: (item) => {
        const t = exportTarget(item, 'as-imported', () => 0);
        return t.kind === 'parquet' ? { ...t, file: () => parquetItemFile(withImages, 2) } : t;
      },
      withoutImages: !withImages,
      createdAt: '2026-12-06T11:00:00.000Z',
    },
    (c) => void chunks.push(c.slice()),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

describe('SPAR-Bench parquet export', () => {
  it('writes the fixture back with the same columns, values and embedded images, and reimports to the same items and decisions', async () => {
    const original = await readRaw(await fixtureBytes(FILE));
    const first = await importAll(await fixtureFiles('spar-bench'));
    expect(first.items).toHaveLength(5);
    const ids = first.items.map((i) => i.appId);
    // row 0 accepted, row 2 fixed (answer B → C), row 4 rejected, rows 1 and 3 undecided
    const decisions = new Map([
      [ids[0], decision(ids[0], 'accept')],
      [ids[2], decision(ids[2], 'fix', { edits: { answer: ['B', 'C'] } })],
      [ids[4], decision(ids[4], 'reject', { reasons: ['vague-stem'] })],
    ]);
    const zipBytes = await exportParquet(await entriesOf(first, decisions));
    const zip = unzipSync(zipBytes);
    // one parquet, no loose images: they are inside it
    expect(Object.keys(zip).sort()).toEqual(['items/spar-bench.parquet', 'manifest.json', 'summary.csv']);
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
    expect(manifest.counts).toMatchObject({ items: 5, byLayout: { 'spar-bench': 5 }, images: 0 });

    const back = await readRaw(zip[PARQUET_PATH]);
    // the same columns, in the same order, of the same types (image: a list of {bytes, path})
    expect(back.schema).toEqual(original.schema);
    expect(back.schema.map((c) => c.name)).toEqual(['id', 'img_type', 'format_type', 'task', 'source', 'image', 'question', 'answer']);
    expect(back.schema[0].type).toBe('INT64');
    expect(Number(back.metadata.num_rows)).toBe(5);
    // every value as in the fixture, the fixed answer excepted; image bytes and struct paths identical
    const fixedAnswer = (k: number, row: Record<string, unknown>) => (k === 2 ? { ...row, answer: 'C' } : row);
    expect(back.rows).toEqual(original.rows.map((r, k) => fixedAnswer(k, r)));
    expect(back.rows[0].image).toEqual([{ bytes: await fixtureBytes('spar-bench-jsonl/images/sb_0_0.png'), path: 'scene0011_00_color_000.png' }]);
    // HF datasets reads the image column as images again
    const hf = JSON.parse(back.metadata.key_value_metadata!.find((k) => k.key === 'huggingface')!.value!);
    expect(hf.info.features.image).toEqual({ feature: { _type: 'Image' }, _type: 'Sequence' });
    expect(hf.info.features.id).toEqual({ dtype: 'int64', _type: 'Value' });
    // what Spatial Lens adds lives in the file's metadata, one entry per row
    const carried = carriedRows(back.metadata)!;
    expect(carried).toHaveLength(5);
    expect(carried.map((c) => (c?.spatial_lens as { review?: { decision: string } })?.review?.decision ?? null)).toEqual(['accept', null, 'fix', null, 'reject']);

    // the export checks clean against its manifest and CSV
    const files = new Map(Object.entries(zip).map(([p, b]) => [`out.zip/${p}`, new Blob([b as Uint8Array<ArrayBuffer>])]));
    const check = await checkExport('out.zip', files);
    expect(check?.consistency).toEqual([]);
    expect(check?.files).toEqual([]);
    expect(check && exportModified(check)).toBe(false);

    // imported into a new project: the same items (ids, fields, images' bytes) and decisions
    const again = await importAll([{ path: 'out.zip', blob: new Blob([zipBytes as Uint8Array<ArrayBuffer>]) }]);
    expect(again.summary.problems).toBe(0);
    expect(again.items.map((i) => i.appId)).toEqual(ids);
    const strip = (i: ImportResult['items'][number]) => {
      const { image: _image, spatial_lens, ...rest } = i.item;
      const { source, ...sl } = spatial_lens;
      return { ...rest, sl, source: { ...(source as object), line: undefined }, flags: i.flags };
    };
    expect(again.items.map(strip)).toEqual(first.items.map(strip));
    expect(again.items.map((i) => i.review?.decision ?? null)).toEqual(['accept', null, 'fix', null, 'reject']);
    expect(again.items[2].review).toMatchObject({ edits: { answer: ['B', 'C'] }, reviewer: 'ana' });
    // the fixed item comes back as imported (its original answer), the fix as its decision
    expect(again.items[2].item.answer).toBe('B');
    const bytesOf = async (r: ImportResult, i: number) => Promise.all(r.items[i].imagePaths.map((p) => r.images.find((im) => im.path === p)!.blob.arrayBuffer().then((b) => new Uint8Array(b))));
    for (let i = 0; i < 5; i++) expect(await bytesOf(again, i)).toEqual(await bytesOf(first, i));

    // and exported once more, the parquet is the same file
    const twice = unzipSync(await exportParquet(await entriesOf(again, decisions)));
    expect((await readRaw(twice[PARQUET_PATH])).rows).toEqual(back.rows);
  });

  it('without images, each struct keeps its path and no bytes', async () => {
    const first = await importAll(await fixtureFiles('spar-bench'));
    const zip = unzipSync(await exportParquet(await entriesOf(first, new Map()), false));
    const back = await readRaw(zip[PARQUET_PATH]);
    expect(back.rows[0].image).toEqual([{ bytes: null, path: 'scene0011_00_color_000.png' }]);
    expect(back.rows[1].image).toEqual([
      { bytes: null, path: null },
      { bytes: null, path: null },
    ]);
  });

  it('writes SPAR-Bench-RGBD’s depth grids and 4×4 cameras as nested number lists, and other shapes as JSON text', async () => {
    const pose = [1, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 1, 2, 0, 0, 0, 1];
    const grid = [
      [1000, 0, 1250],
      [1500, 65535, 2],
    ];
    const w = new SparBenchParquetWriter(1);
    const base = { task: 't', image: ['a.png', 'b.png'], question: 'q', answer: '1' };
    w.add({ record: { id: 1, ...base, depth: [grid, null], pose: [pose, pose], intrinsic_color: [pose, null] }, images: [] });
    // a later row whose camera is no 4×4 of numbers: kept through the metadata, not written as a wrong cell
    w.add({ record: { id: 2, ...base, depth: [grid, grid], pose: ['not a matrix', pose], intrinsic_color: [pose, pose] }, images: [] });
    const { schema, rows } = await readRaw(w.finish());
    expect(schema.map((c) => [c.name, c.type])).toEqual([
      ['id', 'INT64'],
      ['task', 'BYTE_ARRAY'],
      ['image', 'LIST'],
      ['question', 'BYTE_ARRAY'],
      ['answer', 'BYTE_ARRAY'],
      ['depth', 'LIST'],
      ['pose', 'LIST'],
      ['intrinsic_color', 'LIST'],
    ]);
    // a missing image's entry is a null element (hyparquet reads it as undefined)
    const nulls = (v: unknown[]) => v.map((x) => x ?? null);
    expect(nulls(rows[0].depth)).toEqual([grid, null]);
    expect(rows[0].pose).toEqual([pose, pose]);
    expect(nulls(rows[0].intrinsic_color)).toEqual([pose, null]);
    expect(rows[1].pose ?? null).toBeNull();
    // depth named by paths (an export without images): JSON text, as before
    const p = new SparBenchParquetWriter(1);
    p.add({ record: { id: 1, ...base, depth: ['a_depth_0.png', 'a_depth_1.png'] }, images: [] });
    const plain = await readRaw(p.finish());
    expect(plain.schema.find((c) => c.name === 'depth')).toEqual({ name: 'depth', type: 'BYTE_ARRAY', children: 0 });
  });

  it('rows whose values do not fit the first group’s column types keep them through the metadata', async () => {
    const w = new SparBenchParquetWriter(1);
    w.add({ record: { id: 1, task: 't', image: ['a.png'], question: 'q', answer: '1', score: 3 }, images: [{ bytes: null, path: 'a.png' }] });
    w.add({ record: { id: 'x-2', task: 't', image: ['b.png'], question: 'q2', answer: '2', score: 'high', note: { k: 1 } }, images: [{ bytes: null, path: 'b.png' }] });
    const bytes = w.finish();
    const { schema } = await readRaw(bytes);
    expect(schema.map((c) => [c.name, c.type])).toEqual([
      ['id', 'INT64'],
      ['task', 'BYTE_ARRAY'],
      ['image', 'LIST'],
      ['question', 'BYTE_ARRAY'],
      ['answer', 'BYTE_ARRAY'],
      ['score', 'INT64'],
    ]);
    const r = await importAll([{ path: 'w.parquet', blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }]);
    // the second row is not a valid SPAR-Bench row without format_type: both are reported, nothing silently changed
    expect(r.summary.badRecords).toBe(2);
    const { readParquetFile } = await import('../import/parquet');
    const rows = (await readParquetFile(bytes, 'w.parquet')).rows.map((x) => x.record);
    expect(rows[1]).toMatchObject({ id: 'x-2', score: 'high', note: { k: 1 } });
    expect(rows[0]).toMatchObject({ id: 1, score: 3 });
    expect(PARQUET_META_KEY).toBe('spatial_lens');
  });
});
