// The handles a reviewer drags to correct a mark on a photo, in the image's own pixels: where the
// pointer is on the image when the photo is scaled and letterboxed in its panel, which handle it
// is over, and what a drag does to the mark. Pure.
//
// Two pixel conventions meet here: a point's `uv` is a pixel centre (pixel (0, 0) covers
// −0.5…0.5), a box is in continuous pixel-area coordinates (pixel (0, 0) covers 0…1). The pointer
// is mapped to continuous coordinates; a point placed there is half a pixel up and left of them.
import type { LocatedMark } from '../review/markCorrections';

export interface ImageSize {
  width: number;
  height: number;
}

/** Where the image is drawn in its element: scale and offset of an `object-fit: contain` fit. */
export interface Fit {
  scale: number;
  left: number;
  top: number;
}

/** The contain fit of an image of `size` in a box of `boxW` × `boxH` (centred, letterboxed on the long side). */
export function containFit(boxW: number, boxH: number, size: ImageSize): Fit {
  const scale = Math.min(boxW / size.width, boxH / size.height);
  return { scale, left: (boxW - size.width * scale) / 2, top: (boxH - size.height * scale) / 2 };
}

/** A pointer at (x, y) in the box's own coordinates, as continuous image coordinates (may lie outside the image). */
export const boxToImage = (fit: Fit, x: number, y: number): [number, number] => [(x - fit.left) / fit.scale, (y - fit.top) / fit.scale];

/** Continuous image coordinates back to the box (for drawing). */
export const imageToBox = (fit: Fit, x: number, y: number): [number, number] => [fit.left + x * fit.scale, fit.top + y * fit.scale];

/** Whether continuous image coordinates lie on the image (not in the letterbox). */
export const onImage = (size: ImageSize, x: number, y: number): boolean => x >= 0 && y >= 0 && x <= size.width && y <= size.height;

/** A point placed at continuous coordinates: its pixel-centre uv. */
export const pointAt = (x: number, y: number): [number, number] => [x - 0.5, y - 0.5];

/** What part of a mark a handle moves: a point's centre, a box's corner, or a whole box (its outline). */
export type HandlePart = 'centre' | 'nw' | 'ne' | 'sw' | 'se' | 'body';

export interface Handle {
  /** Index into the marks given to `handlesOf`. */
  mark: number;
  part: HandlePart;
  /** Where it is drawn, continuous image coordinates. */
  at: [number, number];
}

/** The handles of the marks on one image, in hit order (corners before outlines, so a corner wins where they meet). */
export function handlesOf(marks: readonly LocatedMark[], image: number): Handle[] {
  const out: Handle[] = [];
  marks.forEach((m, i) => {
    if (m.image !== image) return;
    if (m.kind === 'point' && m.uv) out.push({ mark: i, part: 'centre', at: [m.uv[0] + 0.5, m.uv[1] + 0.5] });
    else if (m.kind === 'box' && m.box) {
      const [x1, y1, x2, y2] = m.box;
      out.push({ mark: i, part: 'nw', at: [x1, y1] }, { mark: i, part: 'ne', at: [x2, y1] }, { mark: i, part: 'sw', at: [x1, y2] }, { mark: i, part: 'se', at: [x2, y2] });
    }
  });
  return out;
}

/** Distance from (x, y) to a box's outline. */
function toOutline(box: readonly number[], x: number, y: number): number {
  const [x1, y1, x2, y2] = box;
  const dx = Math.max(x1 - x, 0, x - x2),
    dy = Math.max(y1 - y, 0, y - y2);
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(x - x1, x2 - x, y - y1, y2 - y);
}

/**
 * The handle under the pointer at continuous image coordinates (x, y), `tolerance` image pixels
 * around it (the caller turns a screen radius into image pixels through the fit's scale): the
 * nearest handle, then a box outline. Null when none is that close.
 */
export function hitHandle(marks: readonly LocatedMark[], image: number, x: number, y: number, tolerance: number): Handle | null {
  let best: Handle | null = null;
  let bestD = tolerance;
  for (const h of handlesOf(marks, image)) {
    const d = Math.hypot(h.at[0] - x, h.at[1] - y);
    if (d <= bestD) [best, bestD] = [h, d];
  }
  if (best) return best;
  marks.forEach((m, i) => {
    if (best || m.image !== image || m.kind !== 'box' || !m.box) return;
    if (toOutline(m.box, x, y) <= tolerance) best = { mark: i, part: 'body', at: [x, y] };
  });
  return best;
}

/**
 * A mark after its handle was dragged by (dx, dy) image pixels from where it started. A corner
 * moves its two edges (a box dragged inside out is turned the right way round); the outline moves
 * the whole box; a point moves its centre. Results are kept on the image.
 */
export function dragged<M extends LocatedMark>(m: M, part: HandlePart, dx: number, dy: number, size: ImageSize): M {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  if (m.kind === 'point' && m.uv) return { ...m, uv: [clamp(m.uv[0] + dx, -0.5, size.width - 0.5), clamp(m.uv[1] + dy, -0.5, size.height - 0.5)] };
  if (!m.box) return m;
  let [x1, y1, x2, y2] = m.box;
  if (part === 'body') {
    const w = x2 - x1,
      h = y2 - y1;
    x1 = clamp(x1 + dx, -w + 1, size.width - 1);
    y1 = clamp(y1 + dy, -h + 1, size.height - 1);
    return { ...m, box: [x1, y1, x1 + w, y1 + h] };
  }
  if (part === 'nw' || part === 'sw') x1 = clamp(x1 + dx, 0, size.width);
  else x2 = clamp(x2 + dx, 0, size.width);
  if (part === 'nw' || part === 'ne') y1 = clamp(y1 + dy, 0, size.height);
  else y2 = clamp(y2 + dy, 0, size.height);
  return { ...m, box: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)] };
}

/** A box drawn from one corner to the other (continuous coordinates), on the image. */
export function boxFrom(a: readonly [number, number], b: readonly [number, number], size: ImageSize): [number, number, number, number] {
  const cx = (v: number) => Math.min(size.width, Math.max(0, v)),
    cy = (v: number) => Math.min(size.height, Math.max(0, v));
  return [cx(Math.min(a[0], b[0])), cy(Math.min(a[1], b[1])), cx(Math.max(a[0], b[0])), cy(Math.max(a[1], b[1]))];
}
