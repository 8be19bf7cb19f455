import { decode as decodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { imageExt, readParquetFile, readParquetRows } from './parquet';
import { fixtureBytes } from '../../../test/reviewFiles';

const FILE = 'spar-bench/test-00000-of-00001.parquet';

describe('readParquetRows (SPAR-Bench fixture)', () => {
  it('reads every row with the SPAR-Bench columns (docs/formats.md), a row group at a time', async () => {
    const bytes = await fixtureBytes(FILE);
    const chunks = [];
    for await (const c of readParquetRows(new Blob([bytes]), FILE)) chunks.push(c);
    // Written as two row groups (3 + 2 rows)
    expect(chunks.map((c) => [c.rowStart, c.rowEnd, c.numRows])).toEqual([
      [0, 3, 5],
      [3, 5, 5],
    ]);
    const rows = chunks.flatMap((c) => c.rows);
    expect(rows.map((r) => r.row)).toEqual([0, 1, 2, 3, 4]);
    const first = rows[0].record;
    expect(Object.keys(first)).toEqual(['id', 'img_type', 'format_type', 'task', 'source', 'image', 'question', 'answer']);
    // int64 ids as numbers
    expect(rows.map((r) => r.record.id)).toEqual([0, 1, 2, 3, 4]);
    expect(rows.map((r) => r.record.format_type)).toEqual(['fill', 'fill', 'select', 'fill', 'select']);
    expect(rows[3].record).toMatchObject({ task: 'view_change_infer', answer: 'move_right:0.3,rotate_left:15,move_forward:1.2', img_type: 'multi_view' });
  });

  it('hands out the embedded images with stable names, bytes intact', async () => {
    const { rows } = await readParquetFile(await fixtureBytes(FILE), FILE);
    expect(rows[0].record.image).toEqual([`${FILE}/0_0.png`]);
    expect(rows[1].record.image).toEqual([`${FILE}/1_0.png`, `${FILE}/1_1.png`]);
    expect(rows[0].originalImagePaths).toEqual(['scene0011_00_color_000.png']);
    expect(rows[1].originalImagePaths).toEqual([undefined, undefined]);
    const im = rows[1].images;
    expect(im.map((i) => [i.path, i.column, i.index])).toEqual([
      [`${FILE}/1_0.png`, 'image', 0],
      [`${FILE}/1_1.png`, 'image', 1],
    ]);
    // The same PNGs as the JSONL export's files, byte for byte, and real PNGs of the sizes written
    expect(im[0].bytes).toEqual(await fixtureBytes('spar-bench-jsonl/images/sb_1_0.png'));
    expect(im[1].bytes).toEqual(await fixtureBytes('spar-bench-jsonl/images/sb_1_1.png'));
    const a = decodePng(im[0].bytes);
    const b = decodePng(im[1].bytes);
    expect([a.width, a.height, b.width, b.height]).toEqual([8, 6, 6, 4]);
    // pixel (x=2, y=1) of the 8×6 image, seed 1: R = 2·37 + 50, G = 53 + 20, B = 90
    expect(Array.from(a.data.slice((1 * 8 + 2) * 3, (1 * 8 + 2) * 3 + 3))).toEqual([124, 73, 90]);
  });

  it('reads a gzip-compressed file (codecs beyond snappy come from hyparquet-compressors)', async () => {
    const writer = new ByteWriter();
    const png = await fixtureBytes('spar-bench-jsonl/images/sb_0_0.png');
    parquetWrite({
      writer,
      codec: 'GZIP',
      compressors: { GZIP: (input: Uint8Array) => gzipSync(input) },
      columnData: [
        { name: 'id', data: [7n] },
        { name: 'question', data: ['q?'] },
        { name: 'image', data: [[{ bytes: png, path: 'x.jpg' }]] },
        { name: 'depth', data: [[{ bytes: png, path: null }]] },
      ],
      schema: [
        { name: 'schema', num_children: 4 },
        { name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' },
        { name: 'question', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'image', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'depth', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
    const { rows } = await readParquetFile(writer.getBytes(), 'g.parquet');
    expect(rows[0].record).toEqual({ id: 7, question: 'q?', image: ['g.parquet/7_0.png'], depth: ['g.parquet/7_depth_0.png'] });
    expect(rows[0].images[0].bytes).toEqual(png);
    // extension from the magic bytes, not the struct's (wrong) ".jpg"
    expect(rows[0].images[0].originalPath).toBe('x.jpg');
  });

  it('says a non-parquet file is not one', async () => {
    const gen = readParquetRows(new Blob(['{"id": 1}\n']), 'fake.parquet');
    await expect(gen.next()).rejects.toThrow(/fake.parquet is not a readable parquet file/);
  });

  it('names extensions from magic bytes, else the struct path', () => {
    expect(imageExt(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(imageExt(new Uint8Array([1, 2, 3]), 'a/b.WEBP')).toBe('webp');
    expect(imageExt(new Uint8Array([1, 2, 3]))).toBe('bin');
  });
});
