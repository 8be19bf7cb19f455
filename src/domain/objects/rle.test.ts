import { describe, expect, it } from 'vitest';
import { isUserError } from '../errors';
import { mulberry32 } from '../geometry/random';
import { compressCounts, decodeRle, decompressCounts, encodeRle, rleArea, rleBbox, rleCounts } from './rle';
import type { Mask } from './types';

/** A mask from rows of '0'/'1' characters, as one would draw it. */
function maskOf(rows: string[]): Mask {
  const height = rows.length, width = rows[0].length;
  const data = new Uint8Array(width * height);
  rows.forEach((row, j) => [...row].forEach((ch, i) => (data[j * width + i] = ch === '1' ? 1 : 0)));
  return { width, height, data };
}

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('RLE decode of hand-counted masks', () => {
  it('decodes a 4×3 mask (width 4, height 3) whose runs go down the columns', () => {
    // Columns read top to bottom: col 0 = 0 0 1, col 1 = 1 1 1, col 2 = 1 0 0, col 3 = 0 0 0
    // → 0 0 | 1 1 1 1 1 | 0 0 0 0 0 → runs 2 zeros, 5 ones, 5 zeros.
    const expected = maskOf(['0110', '0100', '1100']);
    const m = decodeRle({ size: [3, 4], counts: [2, 5, 5] });
    expect(m.width).toBe(4);
    expect(m.height).toBe(3);
    expect([...m.data]).toEqual([...expected.data]);
  });

  it('starts with an empty run of 0s when the first pixel is set', () => {
    // 3 wide, 2 high. Columns: 1 1 | 0 1 | 1 0 → runs 0 zeros, 2 ones, 1 zero, 2 ones, 1 zero.
    const m = decodeRle({ size: [2, 3], counts: [0, 2, 1, 2, 1] });
    expect([...m.data]).toEqual([...maskOf(['101', '110']).data]);
  });

  it('encodes the same masks back to those runs', () => {
    expect(decompressCounts(encodeRle(maskOf(['0110', '0100', '1100'])).counts as string)).toEqual([2, 5, 5]);
    const e = encodeRle(maskOf(['101', '110']));
    expect(e.size).toEqual([2, 3]);
    expect(decompressCounts(e.counts as string)).toEqual([0, 2, 1, 2, 1]);
  });

  it('accepts compressed string counts', () => {
    // "255" is [2, 5, 5]: each count < 16 is one character, 48 + count.
    expect([...decodeRle({ size: [3, 4], counts: '255' }).data]).toEqual([...maskOf(['0110', '0100', '1100']).data]);
  });
});

describe('compressed counts, worked out from the format by hand', () => {
  it('small counts are one character each; from the 4th on they are differences', () => {
    // [0, 2, 1, 2, 1]: the first three as is → '0' '2' '1'; then 2 − 2 = 0 → '0', 1 − 1 = 0 → '0'.
    expect(compressCounts([0, 2, 1, 2, 1])).toBe('02100');
    expect(compressCounts([2, 5, 5])).toBe('255');
    // The third count is not differenced: [3, 2, 5] → '3' '2' '5'; then 1 − 2 = −1, 4 − 5 = −1.
    // −1: low 5 bits 31 (sign bit 0x10 set), rest −1 → done; 48 + 31 = 79 'O'.
    expect(compressCounts([3, 2, 5, 1, 4])).toBe('325OO');
  });

  it('multi-character, sign-bit and negative cases', () => {
    // 100 = 3·32 + 4: group 4 with more-bit 0x20 → 48 + 36 = 84 'T'; then 3 → '3'.
    // 16: group 16 has the sign bit set, so a 0 group must follow: 48 + (16 | 32) = 96 '`', then '0'.
    // 120 = 3·32 + 24: 24 has the sign bit, rest 3 ≠ −1 → 48 + (24 | 32) = 104 'h', then '3'.
    // 4th: 0 − 16 = −16: low bits 16 (sign set), rest −1 → one group: 48 + 16 = 64 '@'.
    // 5th: 100 − 120 = −20: low bits 12 (sign clear), rest −1 → 48 + (12 | 32) = 92 '\',
    //      then −1: low bits 31, rest −1 → 48 + 31 = 79 'O'.
    const s = 'T3`0h3@\\O';
    expect(compressCounts([100, 16, 120, 0, 100])).toBe(s);
    expect(decompressCounts(s)).toEqual([100, 16, 120, 0, 100]);
  });

  it('an empty 640×480 mask is one run of 307200 zeros', () => {
    // 307200 = 9·32³ + 12·32² + 0·32 + 0 → groups 0, 0, 12, 9 (least significant first):
    // 48 + (0 | 32) = 'P', 'P', 48 + (12 | 32) = 92 '\', and 9 (no more, sign clear) = '9'.
    const empty: Mask = { width: 640, height: 480, data: new Uint8Array(640 * 480) };
    const rle = encodeRle(empty);
    expect(rle).toEqual({ size: [480, 640], counts: 'PP\\9' });
    expect(rleArea(rle)).toBe(0);
    expect(rleBbox(rle)).toEqual([0, 0, 0, 0]);
  });

  it('rejects characters outside the alphabet and strings cut mid-count', () => {
    const bad = thrownBy(() => decompressCounts('12 3'));
    expect(isUserError(bad)).toBe(true);
    expect((bad as Error).message).toMatch(/position 2/);
    // 'P' has the continuation bit and nothing follows it.
    expect(isUserError(thrownBy(() => decompressCounts('P')))).toBe(true);
  });
});

describe('size checks', () => {
  it('throws a UserError when the runs do not cover height·width', () => {
    const e = thrownBy(() => decodeRle({ size: [3, 4], counts: [2, 5, 4] }));
    expect(isUserError(e)).toBe(true);
    expect((e as Error).message).toMatch(/add up to 11 pixels.*\[3, 4\] has 12/);
    expect(isUserError(thrownBy(() => decodeRle({ size: [3, 4], counts: '256' })))).toBe(true);
    expect(isUserError(thrownBy(() => rleArea({ size: [2, 2], counts: [1, -1, 4] })))).toBe(true);
  });
});

describe('area and box', () => {
  it('counts the 1-pixels and boxes them in continuous coordinates', () => {
    const rle = { size: [3, 4] as [number, number], counts: [2, 5, 5] };
    expect(rleArea(rle)).toBe(5);
    expect(rleBbox(rle)).toEqual([0, 0, 3, 3]);
  });

  it('a single pixel (i, j) gives [i, j, 1, 1]', () => {
    const m = maskOf(['0000', '0010', '0000']); // pixel i = 2, j = 1
    expect(rleBbox(encodeRle(m))).toEqual([2, 1, 1, 1]);
    // By hand: column-major position 2·3 + 1 = 7 → runs 7, 1, 4.
    expect(rleBbox({ size: [3, 4], counts: [7, 1, 4] })).toEqual([2, 1, 1, 1]);
  });

  it('a run that wraps from the bottom of one column to the top of the next spans all rows', () => {
    // Pixels (1, 2) and (2, 0) are consecutive in column-major order: positions 5 and 6.
    expect(rleBbox({ size: [3, 4], counts: [5, 2, 5] })).toEqual([1, 0, 2, 3]);
  });
});

describe('round trips on random masks', () => {
  it('decode(encode(mask)) is the mask; area and box match a direct count', () => {
    const rand = mulberry32(11);
    for (let t = 0; t < 200; t++) {
      const width = 1 + Math.floor(rand() * 40), height = 1 + Math.floor(rand() * 40);
      const density = [0, 0.02, 0.5, 0.97, 1][t % 5];
      const data = new Uint8Array(width * height);
      for (let k = 0; k < data.length; k++) data[k] = rand() < density ? 1 : 0;
      const mask = { width, height, data };
      const rle = encodeRle(mask);
      expect(rle.size).toEqual([height, width]);
      const back = decodeRle(rle);
      expect(back.width).toBe(width);
      expect(back.height).toBe(height);
      expect(Buffer.compare(back.data, data), `mask ${t}`).toBe(0);

      let area = 0, x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
      for (let j = 0; j < height; j++)
        for (let i = 0; i < width; i++)
          if (data[j * width + i]) {
            area++;
            x0 = Math.min(x0, i); x1 = Math.max(x1, i); y0 = Math.min(y0, j); y1 = Math.max(y1, j);
          }
      expect(rleArea(rle)).toBe(area);
      expect(rleBbox(rle)).toEqual(area ? [x0, y0, x1 - x0 + 1, y1 - y0 + 1] : [0, 0, 0, 0]);

      const counts = rleCounts(rle);
      expect(Buffer.compare(decodeRle({ size: rle.size, counts }).data, data)).toBe(0);
      expect(decompressCounts(compressCounts(counts))).toEqual(counts);
    }
  });

  it('compressed counts survive large and wildly varying values', () => {
    const rand = mulberry32(5);
    for (let t = 0; t < 100; t++) {
      const counts = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => Math.floor(rand() ** 4 * 5e7));
      expect(decompressCounts(compressCounts(counts))).toEqual(counts);
    }
  });
});

describe('decodeRleWindow', () => {
  it('matches the full decode cut to the window', async () => {
    const { decodeRleWindow } = await import('./rle');
    const W = 37, H = 23;
    const data = new Uint8Array(W * H);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 5 < 2 ? 1 : 0;
    const rle = encodeRle({ width: W, height: H, data });
    const win = decodeRleWindow(rle, 5, 3, 20, 11);
    for (let v = 0; v < 11; v++) for (let u = 0; u < 20; u++) expect(win.data[v * 20 + u]).toBe(data[(v + 3) * W + u + 5]);
  });
});
