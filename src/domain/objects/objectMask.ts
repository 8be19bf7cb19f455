import type { SceneObject } from '../scene/scene';
import { rasterizePolygons } from './polygon';
import { decodeRle } from './rle';
import type { Mask } from './types';

/** An object's 2D region at the stored photo's size: its mask, else its box. */
export function objectMask(o: SceneObject, width: number, height: number): Mask {
  if (o.mask?.rle) return decodeRle(o.mask.rle as Parameters<typeof decodeRle>[0]);
  if (o.mask?.polygon?.length) return rasterizePolygons(o.mask.polygon, width, height);
  const data = new Uint8Array(width * height);
  const [x, y, w, h] = o.bbox2d ?? [0, 0, 0, 0];
  // pixels whose centres are inside the box
  for (let j = Math.max(0, Math.ceil(y - 0.5)); j <= Math.min(height - 1, Math.floor(y + h - 0.5)); j++)
    for (let i = Math.max(0, Math.ceil(x - 0.5)); i <= Math.min(width - 1, Math.floor(x + w - 0.5)); i++) data[j * width + i] = 1;
  return { width, height, data };
}
