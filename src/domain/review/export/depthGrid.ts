// SPAR-Bench-RGBD's `depth` column written back from the depth PNGs its import stored: a rows ×
// columns grid of numbers per image, in the unit the imported grid was read in (`depth_unit`, judged
// again from the numbers when the file is read, so the column is left out).
import { decode } from 'fast-png';
import { SparBenchParquetWriter } from './sparBenchParquet';

/** A 16-bit millimetre depth PNG as a grid of numbers in `unit` (0 where there is no value). */
export function depthGridFromPng(png: Uint8Array, unit: 'm' | 'mm'): number[][] {
  const img = decode(png);
  if (img.channels !== 1 || img.depth !== 16) throw new Error(`a depth map must be a 16-bit grey PNG (this one has ${img.channels} channels of ${img.depth} bits)`);
  const rows: number[][] = [];
  for (let y = 0; y < img.height; y++) {
    const row = new Array<number>(img.width);
    for (let x = 0; x < img.width; x++) {
      const mm = img.data[y * img.width + x];
      row[x] = unit === 'mm' ? mm : mm / 1000;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * The row with `depth` as grids, from the maps the export brought (`depth`, by image index), when
 * the record names depth maps; an image whose map the project does not hold gets null, so that every
 * row's `depth` has one shape. A record naming none is returned as it is.
 */
export async function depthColumn(
  row: Record<string, unknown>,
  depth: readonly { index: number; blob: Blob | Uint8Array }[],
  bytesOf: (b: Blob | Uint8Array) => Promise<Uint8Array>,
): Promise<Record<string, unknown>> {
  if (!Array.isArray(row.depth)) return row;
  const units = Array.isArray(row.depth_unit) ? row.depth_unit : [];
  const grids: (number[][] | null)[] = [];
  for (let k = 0; k < row.depth.length; k++) {
    const d = depth.find((x) => x.index === k);
    grids.push(d ? depthGridFromPng(await bytesOf(d.blob), units[k] === 'm' ? 'm' : 'mm') : null);
  }
  const { depth_unit: _unit, ...rest } = row;
  return { ...rest, depth: grids };
}

/**
 * What one cell of this depth map costs in the export's parquet (its pages are snappy-compressed, so
 * a smooth map costs far more than its PNG and a sparse one less): the map written alone as a `depth`
 * column, divided by its cells.
 */
export function parquetBytesPerCell(png: Uint8Array, unit: 'm' | 'mm'): number {
  const grid = depthGridFromPng(png, unit);
  const empty = new SparBenchParquetWriter(1);
  empty.add({ record: { depth: [null] }, images: [] });
  const w = new SparBenchParquetWriter(1);
  w.add({ record: { depth: [grid] }, images: [] });
  return Math.max(0, w.finish().length - empty.finish().length) / (grid.length * grid[0].length);
}
