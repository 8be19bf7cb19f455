import { turbo } from './colormap';
import { quantile } from './stats';

/** A top-down raster of a z-up cloud; +x to the right, +y up the image. */
export interface BevRaster {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** World x of the left edge and y of the top edge, metres. */
  originX: number;
  originY: number;
  /** Metres per raster pixel. */
  cell: number;
  /** World z range of the points drawn. */
  zMin: number;
  zMax: number;
}

export interface BevOptions {
  /** Longest side of the raster, pixels. */
  maxSize?: number;
  /** Smallest cell, metres: small scenes are not magnified beyond it. */
  minCell?: number;
  mode?: 'rgb' | 'height';
  /** Drop points above this world z (ceilings hide the room from above). */
  zCeiling?: number;
  /** World points (e.g. the camera) the raster must contain. */
  include?: [number, number][];
}

/**
 * Bird's-eye view (ROSS3D, docs/references.md): each cell shows the topmost point that falls in it; empty cells stay
 * transparent. The extent is the 1st–99th percentile box of the points so a few strays do not
 * shrink the scene to a dot.
 */
export function renderBev(xyz: Float32Array, rgb: Uint8Array | null, count: number, options: BevOptions = {}): BevRaster {
  const maxSize = options.maxSize ?? 512;
  const minCell = options.minCell ?? 0.005;
  const mode = options.mode ?? (rgb ? 'rgb' : 'height');
  const zCeiling = options.zCeiling ?? Infinity;
  if (count === 0) return { width: 1, height: 1, rgba: new Uint8ClampedArray(4), originX: 0, originY: 0, cell: 1, zMin: 0, zMax: 0 };

  const stride = Math.max(1, Math.floor(count / 50000));
  const xs: number[] = [], ys: number[] = [], zs: number[] = [];
  for (let i = 0; i < count; i += stride) {
    xs.push(xyz[i * 3]);
    ys.push(xyz[i * 3 + 1]);
    zs.push(xyz[i * 3 + 2]);
  }
  const x0 = quantile(xs, 0.01), x1 = quantile(xs, 0.99);
  const y0 = quantile(ys, 0.01), y1 = quantile(ys, 0.99);
  const zMin = quantile(zs, 0.01), zMax = Math.min(quantile(zs, 0.99), zCeiling);
  let [ax, bx, ay, by] = [x0, x1, y0, y1];
  for (const [x, y] of options.include ?? []) {
    ax = Math.min(ax, x);
    bx = Math.max(bx, x);
    ay = Math.min(ay, y);
    by = Math.max(by, y);
  }
  const pad = 0.05 * Math.max(bx - ax, by - ay, 0.1);
  const minX = ax - pad, maxX = bx + pad, minY = ay - pad, maxY = by + pad;
  // Cells no finer than the points are dense (about a few points a cell over the cloud's own
  // extent), or the raster turns into stripes of empty cells.
  const density = 3 * Math.sqrt(((x1 - x0) * (y1 - y0)) / count);
  const cell = Math.max(minCell, density, Math.max(maxX - minX, maxY - minY) / maxSize);
  const width = Math.max(1, Math.ceil((maxX - minX) / cell));
  const height = Math.max(1, Math.ceil((maxY - minY) / cell));
  const top = new Float32Array(width * height).fill(-Infinity);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const colour = new Uint8Array(3);
  const zSpan = zMax > zMin ? zMax - zMin : 1;
  for (let i = 0; i < count; i++) {
    const x = xyz[i * 3], y = xyz[i * 3 + 1], z = xyz[i * 3 + 2];
    if (z > zCeiling) continue;
    const c = Math.floor((x - minX) / cell), r = Math.floor((maxY - y) / cell);
    if (c < 0 || c >= width || r < 0 || r >= height) continue;
    const k = r * width + c;
    if (z <= top[k]) continue;
    top[k] = z;
    if (mode === 'rgb' && rgb) {
      rgba[k * 4] = rgb[i * 3];
      rgba[k * 4 + 1] = rgb[i * 3 + 1];
      rgba[k * 4 + 2] = rgb[i * 3 + 2];
    } else {
      turbo((z - zMin) / zSpan, colour, 0);
      rgba[k * 4] = colour[0];
      rgba[k * 4 + 1] = colour[1];
      rgba[k * 4 + 2] = colour[2];
    }
    rgba[k * 4 + 3] = 255;
  }
  return { width, height, rgba, originX: minX, originY: maxY, cell, zMin, zMax };
}

/** Raster pixel of a world point (for drawing the camera or a measurement on the BEV). */
export const bevPixel = (bev: Pick<BevRaster, 'originX' | 'originY' | 'cell'>, x: number, y: number): [number, number] => [
  (x - bev.originX) / bev.cell,
  (bev.originY - y) / bev.cell,
];
