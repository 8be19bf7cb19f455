// Marks an imported item draws that cannot be right: a point or box outside its image, or a box
// whose corners are swapped (x2 < x1 or y2 < y1). They are flagged at import for a reviewer to
// look at; drawing normalises the corners, so nothing is ever drawn with a negative size.
import type { ImageSize } from '../../qa/export/sparLayout';
import type { Mark } from '../../qa/types';
import type { ItemFlag } from '../types';

/** Pixels a mark may stray past the image's edge (rounding of 0–1000 coordinates) before it counts as outside. */
const EDGE_SLACK = 1;

/**
 * The flags an item's marks earn: `inverted-box` for a box with swapped corners, `mark-outside` for
 * a point or box outside its image (checked only where the image's size is known).
 */
export function markFlags(marks: readonly Mark[] | undefined, sizes: readonly (ImageSize | undefined)[] = []): ItemFlag[] {
  let inverted = false;
  let outside = false;
  for (const m of marks ?? []) {
    const size = sizes[m.image ?? 0];
    if (m.kind === 'box' && Array.isArray(m.box) && m.box.length === 4) {
      const [x1, y1, x2, y2] = m.box;
      if (x2 < x1 || y2 < y1) inverted = true;
      if (size && (Math.min(x1, x2) < -EDGE_SLACK || Math.min(y1, y2) < -EDGE_SLACK || Math.max(x1, x2) > size.width + EDGE_SLACK || Math.max(y1, y2) > size.height + EDGE_SLACK)) outside = true;
    } else if (m.kind === 'point' && Array.isArray(m.uv) && size) {
      // pixel centres run from 0 to size − 1; the image covers −0.5 to size − 0.5
      const [u, v] = m.uv;
      if (u < -0.5 - EDGE_SLACK || v < -0.5 - EDGE_SLACK || u > size.width - 0.5 + EDGE_SLACK || v > size.height - 0.5 + EDGE_SLACK) outside = true;
    }
  }
  const flags: ItemFlag[] = [];
  if (outside) flags.push('mark-outside');
  if (inverted) flags.push('inverted-box');
  return flags;
}

/** A box mark as drawn: corners in order, so that width and height are never negative. */
export function drawnBox(box: readonly [number, number, number, number]): { x: number; y: number; width: number; height: number } {
  const [x1, y1, x2, y2] = box;
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}
