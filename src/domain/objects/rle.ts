// COCO run-length encoding (docs/formats.md: masks in scene files and COCO imports).
import { UserError } from '../errors';
import type { BBox, CocoRle, Mask } from './types';

// The compressed string packs each count into 5-bit groups, least significant first, one ASCII
// character per group (offset 48, so the characters stay printable and JSON-safe). Bit 0x20 says
// another group follows; bit 0x10 of the last group is the sign, because counts from the fourth on
// are stored as differences, which can be negative. pycocotools differences from index 3 (not 2),
// and we must match it byte for byte so our strings load in every COCO tool.
const OFFSET = 48;
const FIRST_DIFFERENCED = 3;

/** Run lengths from pycocotools' compressed string. Throws a UserError on a malformed string. */
export function decompressCounts(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let scale = 1; // 32^k; arithmetic instead of shifts so that big counts do not wrap at 32 bits
    let more = true;
    while (more) {
      if (p >= s.length) throw new UserError(`The RLE string ends in the middle of a count (at character ${p}).`, 'rle-string');
      const c = s.charCodeAt(p) - OFFSET;
      if (c < 0 || c > 63) {
        throw new UserError(`The RLE string has a character "${s[p]}" at position ${p} that COCO's compressed format never uses.`, 'rle-string');
      }
      x += (c & 0x1f) * scale;
      scale *= 32;
      more = (c & 0x20) !== 0;
      p++;
      if (!more && (c & 0x10) !== 0) x -= scale; // sign-extend the last group
    }
    const i = counts.length;
    if (i >= FIRST_DIFFERENCED) x += counts[i - 2];
    counts.push(x);
  }
  return counts;
}

/** pycocotools' compressed string for the given run lengths. */
export function compressCounts(counts: number[]): string {
  let s = '';
  for (let i = 0; i < counts.length; i++) {
    let x = i >= FIRST_DIFFERENCED ? counts[i] - counts[i - 2] : counts[i];
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32; // low 5 bits, also for negative x
      x = Math.floor(x / 32); // arithmetic shift
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      s += String.fromCharCode(c + OFFSET);
    }
  }
  return s;
}

/**
 * The run lengths of an RLE, checked: whole non-negative numbers that cover the [height, width]
 * grid exactly. Throws a UserError saying what is wrong.
 */
export function rleCounts(rle: CocoRle): number[] {
  const [h, w] = rle.size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 0 || w < 0) {
    throw new UserError(`The RLE size [${rle.size.join(', ')}] is not [height, width] in whole pixels.`, 'rle-size');
  }
  const counts = typeof rle.counts === 'string' ? decompressCounts(rle.counts) : rle.counts;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!Number.isInteger(c) || c < 0) {
      throw new UserError(`The RLE has an invalid run length ${c} at position ${i}; run lengths are whole numbers ≥ 0.`, 'rle-counts');
    }
    sum += c;
  }
  if (sum !== h * w) {
    throw new UserError(
      `The RLE's run lengths add up to ${sum} pixels, but its size [${h}, ${w}] has ${h * w}; the mask is corrupt or belongs to another image size.`,
      'rle-counts',
    );
  }
  return counts;
}

/** The row-major mask of an RLE (COCO runs go down the columns, starting with a run of 0s). */
export function decodeRle(rle: CocoRle): Mask {
  const counts = rleCounts(rle);
  const [h, w] = rle.size;
  const data = new Uint8Array(w * h);
  let p = 0; // column-major position
  for (let i = 0; i < counts.length; i++) {
    let n = counts[i];
    if (i % 2 === 1) {
      while (n > 0) {
        const col = Math.floor(p / h);
        const row = p - col * h;
        const take = Math.min(n, h - row);
        for (let r = row, k = row * w + col; r < row + take; r++, k += w) data[k] = 1;
        p += take;
        n -= take;
      }
    } else {
      p += n;
    }
  }
  return { width: w, height: h, data };
}

/** COCO RLE of a mask, with compressed string counts. */
export function encodeRle(mask: Mask): CocoRle {
  const { width: w, height: h, data } = mask;
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < w; x++) {
    for (let k = x, y = 0; y < h; y++, k += w) {
      const v = data[k] !== 0 ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        run = 0;
        current = v;
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [h, w], counts: compressCounts(counts) };
}

/** Number of 1-pixels. */
export function rleArea(rle: CocoRle): number {
  const counts = rleCounts(rle);
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i];
  return area;
}

/** Tight COCO box [x, y, w, h] around the 1-pixels, from the runs alone; [0, 0, 0, 0] when empty. */
export function rleBbox(rle: CocoRle): BBox {
  const counts = rleCounts(rle);
  const h = rle.size[0];
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  let p = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i];
    if (i % 2 === 1 && n > 0) {
      const c0 = Math.floor(p / h), r0 = p - c0 * h;
      const last = p + n - 1;
      const c1 = Math.floor(last / h), r1 = last - c1 * h;
      if (c0 < xMin) xMin = c0;
      if (c1 > xMax) xMax = c1;
      if (c0 === c1) {
        if (r0 < yMin) yMin = r0;
        if (r1 > yMax) yMax = r1;
      } else {
        // A run that wraps into the next column reaches the bottom of one and the top of the next.
        yMin = 0;
        yMax = h - 1;
      }
    }
    p += n;
  }
  if (xMax < xMin) return [0, 0, 0, 0];
  return [xMin, yMin, xMax - xMin + 1, yMax - yMin + 1];
}

/**
 * Decodes only the window [x0, x0 + w) × [y0, y0 + h) of an RLE mask (row-major, w × h). Lifting an
 * object needs its box alone, and a full-image decode per object would dominate the cost.
 */
export function decodeRleWindow(rle: CocoRle, x0: number, y0: number, w: number, h: number): Mask {
  const [H, W] = rle.size;
  const counts = rleCounts(rle);
  const data = new Uint8Array(w * h);
  const start = Math.max(0, x0) * H, end = Math.min(W, x0 + w) * H;
  let pos = 0;
  for (let k = 0; k < counts.length && pos < end; k++) {
    const next = pos + counts[k];
    if (k % 2 === 1 && next > start) {
      // a run of ones, in column-major order: clip it to the window's columns and rows
      for (let p = Math.max(pos, start); p < Math.min(next, end); p++) {
        const col = Math.floor(p / H), row = p - col * H;
        const u = col - x0, v = row - y0;
        if (v >= 0 && v < h && u >= 0 && u < w) data[v * w + u] = 1;
      }
    }
    pos = next;
  }
  return { width: w, height: h, data };
}
