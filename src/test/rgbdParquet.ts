// The synthetic RGB-D items written as a SPAR-Bench-RGBD parquet: `image` a list of HF image
// structs, `depth` a list of rows × columns number grids (NYU's in metres, Open3D's in
// millimetres, as the unit is not fixed by the format), `intrinsic_color`, `intrinsic_depth` and
// `pose` lists of row-major 4×4s. Node only.
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import type { RgbdFrame, RgbdItem } from './rgbdItems';

const K4 = (K: { fx: number; fy: number; cx: number; cy: number }) => [K.fx, 0, K.cx, 0, 0, K.fy, K.cy, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

function grid(f: RgbdFrame): number[][] {
  const mm = f.name.startsWith('open3d');
  const rows: number[][] = [];
  for (let y = 0; y < f.depth.height; y++) {
    const row = new Array<number>(f.depth.width);
    for (let x = 0; x < f.depth.width; x++) row[x] = mm ? Math.round(f.depth.data[y * f.depth.width + x] * 1000) : f.depth.data[y * f.depth.width + x];
    rows.push(row);
  }
  return rows;
}

const list = (name: string) => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
];
const innerList = () => [
  { name: 'element', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
];
const str = (name: string) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });

export function rgbdParquet(items: readonly Pick<RgbdItem, 'id' | 'task' | 'question' | 'answer' | 'format' | 'frames' | 'jpegs'>[], frames: readonly RgbdFrame[], opts: { rowGroupSize?: number } = {}): Uint8Array {
  const grids = new Map<number, number[][]>();
  const gridOf = (k: number) => grids.get(k) ?? grids.set(k, grid(frames[k])).get(k)!;
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    rowGroupSize: opts.rowGroupSize ?? 100,
    columnData: [
      { name: 'id', data: items.map((i) => BigInt(i.id)) },
      { name: 'img_type', data: items.map((i) => (i.frames.length > 1 ? 'multi_view' : 'single_view')) },
      { name: 'format_type', data: items.map((i) => i.format) },
      { name: 'task', data: items.map((i) => i.task) },
      { name: 'source', data: items.map(() => 'scannet') },
      { name: 'image', data: items.map((i) => i.jpegs.map((bytes) => ({ bytes, path: null }))) },
      { name: 'depth', data: items.map((i) => i.frames.map(gridOf)) },
      { name: 'pose', data: items.map((i) => i.frames.map((k) => frames[k].pose ?? IDENTITY)) },
      { name: 'intrinsic_color', data: items.map((i) => i.frames.map((k) => K4(frames[k].K))) },
      { name: 'intrinsic_depth', data: items.map((i) => i.frames.map((k) => K4(frames[k].Kdepth))) },
      { name: 'question', data: items.map((i) => i.question) },
      { name: 'answer', data: items.map((i) => i.answer) },
    ],
    schema: [
      { name: 'schema', num_children: 12 },
      { name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' },
      str('img_type'),
      str('format_type'),
      str('task'),
      str('source'),
      ...list('image'),
      { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
      str('path'),
      ...list('depth'),
      ...innerList(),
      ...innerList(),
      { name: 'element', type: 'FLOAT', repetition_type: 'OPTIONAL' },
      ...(['pose', 'intrinsic_color', 'intrinsic_depth'] as const).flatMap((n) => [...list(n), ...innerList(), { name: 'element', type: 'DOUBLE', repetition_type: 'OPTIONAL' }]),
      str('question'),
      str('answer'),
    ] as never,
  });
  return writer.getBytes();
}
