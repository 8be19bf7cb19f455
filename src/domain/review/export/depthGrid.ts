// SPAR-Bench-RGBD's `depth` column written back from the depth PNGs its import stored: a rows ×
// columns grid of numbers per image, in the unit the imported grid was read in (`depth_unit`, judged
// again from the numbers when the file is read, so the column is left out).
import { decode } from 'fast-png';

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
 * The row with `depth` as grids where the record names depth maps and the export brought them
 * (`depth`, by image index); a record naming none is returned as it is. An image whose map is
 * missing gets null.
 */
export async function depthColumn(
  row: Record<string, unknown>,
  depth: readonly { index: number; blob: Blob | Uint8Array }[],
  bytesOf: (b: Blob | Uint8Array) => Promise<Uint8Array>,
): Promise<Record<string, unknown>> {
  if (!Array.isArray(row.depth) || !depth.length) return row;
  const units = Array.isArray(row.depth_unit) ? row.depth_unit : [];
  const grids: (number[][] | null)[] = [];
  for (let k = 0; k < row.depth.length; k++) {
    const d = depth.find((x) => x.index === k);
    grids.push(d ? depthGridFromPng(await bytesOf(d.blob), units[k] === 'm' ? 'm' : 'mm') : null);
  }
  const { depth_unit: _unit, ...rest } = row;
  return { ...rest, depth: grids };
}
