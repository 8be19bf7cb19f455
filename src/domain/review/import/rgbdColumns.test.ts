// SPAR-Bench-RGBD's depth, intrinsics and pose columns read on import (a parquet written from the
// real NYU and Open3D frames).
import { decode as decodePng } from 'fast-png';
import { HAVE_SHARED_DATA } from '../../../test/markedPhotos';
import { describe, expect, it } from 'vitest';
import { rgbdParquet } from '../../../test/rgbdParquet';
import { rgbdItems } from '../../../test/rgbdItems';
import { depthPathFor } from '../depthRef';
import { importAll } from './importer';
import { readParquetRows } from './parquet';
import { depthGridOf, imageCamera, intrinsicsOf, matrixOf } from './rgbdColumns';

describe.skipIf(!HAVE_SHARED_DATA)('SPAR-Bench-RGBD columns', () => {
  it('keeps depth as 16-bit millimetre PNGs with the images, and the matrices in the item, a row group at a time', async () => {
    const made = await rgbdItems(7, 2, 1000);
    const frames = made.frames;
    // single-view NYU/Open3D items and both multi-view ones (posed Open3D frames)
    const items = [0, 4, 5, 6].map((k) => made.items[k]);
    expect(items.filter((i) => i.frames.length === 2).length).toBe(2);
    const bytes = rgbdParquet(items, frames, { rowGroupSize: 3 });
    const chunks = [];
    for await (const c of readParquetRows(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'rgbd.parquet')) chunks.push(c.rowEnd - c.rowStart);
    expect(chunks).toEqual([3, 1]);
    const res = await importAll([{ path: 'rgbd.parquet', blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }]);
    expect(res.summary.items).toBe(4);
    for (const [n, it] of res.items.entries()) {
      const src = items[n];
      const item = it.item as Record<string, unknown> & typeof it.item;
      expect(item.depth).toEqual(src.frames.map((_, k) => `rgbd.parquet/${src.id}_depth_${k}.png`));
      // NYU grids were written in metres, Open3D's in millimetres: both read back in metres
      expect(item.depth_unit).toEqual(src.frames.map((k) => (frames[k].name.startsWith('open3d') ? 'mm' : 'm')));
      for (const [k, fi] of src.frames.entries()) {
        const path = depthPathFor(item, k, it.imagePaths[k]!);
        const png = res.images.find((i) => i.path === path)!;
        const d = decodePng(new Uint8Array(await png.blob.arrayBuffer()));
        expect([d.width, d.height, d.depth, d.channels]).toEqual([640, 480, 16, 1]);
        // the centre pixel, in millimetres, equals the source depth
        const f = frames[fi];
        const c = 240 * 640 + 320;
        expect(d.data[c]).toBe(Math.round(f.depth.data[c] * 1000));
        const cam = imageCamera(item, k);
        expect(cam.K).toEqual(f.K);
        expect(cam.Kdepth).toEqual(f.Kdepth);
        expect(cam.pose).toEqual(f.pose ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
      }
    }
  });

  it('judges the unit from the median and refuses what is not a grid or a matrix', () => {
    expect(depthGridOf([[1500, 0], [2500, 3000]])).toMatchObject({ unit: 'mm', width: 2, height: 2 });
    expect(Array.from(depthGridOf([[1500, 0], [2500, 3000]])!.data)).toEqual([1.5, 0, 2.5, 3]);
    expect(depthGridOf([[1.5, NaN], [-1, 3]])).toMatchObject({ unit: 'm' });
    expect(Array.from(depthGridOf([[1.5, NaN], [-1, 3]])!.data)).toEqual([1.5, 0, 0, 3]);
    expect(depthGridOf([[1, 2], [3]])).toBeNull();
    expect(depthGridOf('x')).toBeNull();
    expect(matrixOf([1, 2, 3])).toBeNull();
    expect(matrixOf([[1, 0, 5], [0, 2, 6], [0, 0, 1]])).toEqual([1, 0, 5, 0, 0, 2, 6, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(intrinsicsOf([1170.188, 0, 647.75, 0, 0, 1170.188, 483.75, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toEqual({ fx: 1170.188, fy: 1170.188, cx: 647.75, cy: 483.75 });
    expect(intrinsicsOf([0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBeNull();
  });
});
