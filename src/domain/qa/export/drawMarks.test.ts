import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawMarks, markedImage, markStyle, SPAR_COLOURS, type RgbaImage } from './drawMarks';
import { fromSpar7m } from './sparLayout';
import type { Mark } from '../types';

const BG = [10, 20, 30, 255];
const blank = (width: number, height: number, Ctor: typeof Uint8ClampedArray | typeof Uint8Array = Uint8ClampedArray): RgbaImage => {
  const data = new Ctor(width * height * 4);
  for (let o = 0; o < data.length; o += 4) data.set(BG, o);
  return { width, height, data };
};
const px = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
const rgba = (c: readonly number[]) => [...c, 255];
const RED = rgba(SPAR_COLOURS.red);
const BLUE = rgba(SPAR_COLOURS.blue);
const WHITE = [255, 255, 255, 255];
const countChanged = (img: RgbaImage) => {
  let n = 0;
  for (let o = 0; o < img.data.length; o += 4) if (img.data[o] !== BG[0] || img.data[o + 1] !== BG[1] || img.data[o + 2] !== BG[2]) n++;
  return n;
};

describe('SPAR’s colours and sizes', () => {
  it('uses PIL’s named colours, where green is (0, 128, 0)', () => {
    expect(SPAR_COLOURS).toEqual({ red: [255, 0, 0], blue: [0, 0, 255], green: [0, 128, 0], yellow: [255, 255, 0] });
  });

  it('gives SPAR’s 20 px radius and stroke at ScanNet size and scales by the shorter side', () => {
    expect(markStyle(1296, 968)).toEqual({ radius: 20, outline: 3, stroke: 20 });
    // 480 / 968 × 20 = 9.92 → 10; ring round(10 × 0.15) = 2
    expect(markStyle(640, 480)).toEqual({ radius: 10, outline: 2, stroke: 10 });
    expect(markStyle(480, 640)).toEqual(markStyle(640, 480));
    // 3000 / 968 × 20 = 61.98 → 62
    expect(markStyle(4000, 3000)).toEqual({ radius: 62, outline: 9, stroke: 62 });
    expect(markStyle(100, 80)).toEqual({ radius: 3, outline: 1, stroke: 2 });
  });
});

describe('points', () => {
  const red: Mark = { kind: 'point', color: 'red', uv: [50, 40] };

  it('fills the disc with the colour inside a contrasting ring, and leaves the rest', () => {
    const img = drawMarks(blank(100, 80), [red], { radius: 6, outline: 1 });
    expect(px(img, 50, 40)).toEqual(RED);
    expect(px(img, 55, 40)).toEqual(RED); // d² = 25 ≤ 5² + 5
    expect(px(img, 56, 40)).toEqual(WHITE); // d² = 36 ≤ 6² + 6, in the 1 px ring
    expect(px(img, 55, 44)).toEqual(WHITE); // d² = 41 ≤ 42
    expect(px(img, 57, 40)).toEqual(BG); // just outside the radius
    expect(px(img, 56, 43)).toEqual(BG); // d² = 45 > 42
    expect(px(img, 44, 40)).toEqual(WHITE);
    expect(px(img, 43, 40)).toEqual(BG);
  });

  it('centres on the nearest pixel (OpenCV pixel centres are integers)', () => {
    expect(px(drawMarks(blank(100, 80), [{ ...red, uv: [50.4, 39.6] }], { radius: 0, outline: 0 }), 50, 40)).toEqual(RED);
    const img = drawMarks(blank(100, 80), [{ ...red, uv: [50.5, 40] }], { radius: 0, outline: 0 });
    expect(px(img, 51, 40)).toEqual(RED);
    expect(countChanged(img)).toBe(1);
  });

  it('rings yellow in black and the darker colours in white', () => {
    const img = drawMarks(
      blank(100, 80),
      [
        { kind: 'point', color: 'yellow', uv: [20, 20] },
        { kind: 'point', color: 'green', uv: [70, 50] },
      ],
      { radius: 6, outline: 1 },
    );
    expect(px(img, 20, 20)).toEqual([255, 255, 0, 255]);
    expect(px(img, 26, 20)).toEqual([0, 0, 0, 255]);
    expect(px(img, 70, 50)).toEqual([0, 128, 0, 255]);
    expect(px(img, 76, 50)).toEqual(WHITE);
  });

  it('with outline 0 draws PIL’s disc for SPAR’s ellipse(x − 20, y − 20, x + 20, y + 20)', () => {
    // Pillow 12 fills exactly the pixels with d² ≤ 420 for this call (checked offline)
    const img = drawMarks(blank(100, 80), [red], { radius: 20, outline: 0 });
    expect(px(img, 70, 40)).toEqual(RED); // d² = 400
    expect(px(img, 70, 44)).toEqual(RED); // d² = 416
    expect(px(img, 70, 45)).toEqual(BG); // d² = 425
    expect(px(img, 65, 54)).toEqual(BG); // d² = 15² + 14² = 421
    expect(px(img, 71, 40)).toEqual(BG);
    let n = 0;
    for (let dy = -20; dy <= 20; dy++) for (let dx = -20; dx <= 20; dx++) if (dx * dx + dy * dy <= 420) n++;
    expect(countChanged(img)).toBe(n);
  });

  it('puts the README record’s points where SPAR draws them: int(553/1000 × 1296), int(397/1000 × 968)', () => {
    const file = path.resolve(import.meta.dirname, '../../../../../shared/data/benchmarks/spar7m_readme_example.jsonl');
    const item = fromSpar7m(JSON.parse(readFileSync(file, 'utf8')), [{ width: 1296, height: 968 }]);
    const img = markedImage(blank(1296, 968), item.spatial_lens.marks, 0, { outline: 0 });
    // 0.553 × 1296 = 716.688 → 716; 0.397 × 968 = 384.296 → 384
    expect(px(img, 716, 384)).toEqual(RED);
    expect(px(img, 716 + 20, 384)).toEqual(RED);
    expect(px(img, 716 + 21, 384)).toEqual(BG);
    expect(px(img, 716 - 21, 384)).toEqual(BG);
    // 0.641 × 1296 = 830.736 → 830; 0.838 × 968 = 811.184 → 811
    expect(px(img, 830, 811)).toEqual(BLUE);
    expect(px(img, 830, 811 - 20)).toEqual(BLUE);
    expect(px(img, 830, 811 - 21)).toEqual(BG);
  });
});

describe('boxes', () => {
  const blue: Mark = { kind: 'box', color: 'blue', box: [20, 10, 70, 60] };

  it('marks the box’s edge pixels, mostly outside it, and leaves its interior', () => {
    // stroke 8: 6.5 px outside (7/8 would leave the edge pixels bare), so int(20 − 6.5) = 13 …
    // int(70 + 6.5) = 76: columns 13–20 and 69–76, rows 3–10 and 59–66
    const img = drawMarks(blank(100, 80), [blue], { stroke: 8 });
    expect(px(img, 20, 35)).toEqual(BLUE); // first column inside the box
    expect(px(img, 69, 35)).toEqual(BLUE); // last column inside (x2 = 70 is exclusive)
    expect(px(img, 45, 10)).toEqual(BLUE);
    expect(px(img, 45, 59)).toEqual(BLUE);
    expect(px(img, 13, 35)).toEqual(BLUE);
    expect(px(img, 76, 35)).toEqual(BLUE);
    expect(px(img, 45, 3)).toEqual(BLUE);
    expect(px(img, 45, 66)).toEqual(BLUE);
    expect(px(img, 13, 3)).toEqual(BLUE); // corner
    for (const [x, y] of [
      [21, 35],
      [68, 35],
      [45, 11],
      [45, 58],
      [45, 35],
      [12, 35],
      [77, 35],
      [45, 2],
      [45, 67],
    ])
      expect(px(img, x, y)).toEqual(BG);
    expect(countChanged(img)).toBe(64 * 64 - 48 * 48);
  });

  it('matches PIL’s rectangle for SPAR’s 20 px stroke: int(x1 − 17.5) … int(x2 + 17.5), width drawn inwards', () => {
    // x1 = 100: int(82.5) = 82, so columns 82–101; x2 = 300: int(317.5) = 317, so columns 298–317
    const img = drawMarks(blank(400, 300), [{ kind: 'box', color: 'red', box: [100, 100, 300, 200] }], { stroke: 20 });
    expect(px(img, 82, 150)).toEqual(RED);
    expect(px(img, 101, 150)).toEqual(RED);
    expect(px(img, 81, 150)).toEqual(BG);
    expect(px(img, 102, 150)).toEqual(BG);
    expect(px(img, 298, 150)).toEqual(RED);
    expect(px(img, 317, 150)).toEqual(RED);
    expect(px(img, 297, 150)).toEqual(BG);
    expect(px(img, 318, 150)).toEqual(BG);
  });

  it('keeps the edge pixel marked with the thinnest stroke', () => {
    const img = drawMarks(blank(100, 80), [blue], { stroke: 2 });
    expect(px(img, 20, 35)).toEqual(BLUE);
    expect(px(img, 19, 35)).toEqual(BLUE);
    expect(px(img, 21, 35)).toEqual(BG);
    expect(px(img, 69, 35)).toEqual(BLUE);
    expect(px(img, 68, 35)).toEqual(BG);
  });
});

describe('clipping and image selection', () => {
  it('clips marks at and beyond the border without throwing', () => {
    const marks: Mark[] = [
      { kind: 'point', color: 'red', uv: [0, 0] },
      { kind: 'point', color: 'blue', uv: [99, 79] },
      { kind: 'point', color: 'green', uv: [-4, 40] },
      { kind: 'point', color: 'red', uv: [1e9, -1e9] },
      { kind: 'box', color: 'yellow', box: [0, 0, 100, 80] },
      { kind: 'box', color: 'green', box: [-500, -500, 900, 900] },
    ];
    const img = blank(100, 80);
    expect(() => drawMarks(img, marks, { radius: 6, outline: 1, stroke: 4 })).not.toThrow();
    expect(px(img, 0, 40)).toEqual([255, 255, 0, 255]); // yellow box edge, drawn after the green disc
    expect(px(img, 99, 40)).toEqual([255, 255, 0, 255]);
    expect(px(img, 50, 40)).toEqual(BG);
    expect(px(img, 99, 79)).toEqual([255, 255, 0, 255]);
    // a disc centred on the corner pixel keeps the part that is inside
    const dot = drawMarks(blank(100, 80), [{ kind: 'point', color: 'red', uv: [0, 0] }], { radius: 6, outline: 1 });
    expect(px(dot, 0, 0)).toEqual(RED);
    expect(countChanged(drawMarks(blank(100, 80), [marks[3], marks[5]]))).toBe(0);
  });

  it('markedImage draws only the marks of the given image (no index means image 0)', () => {
    const marks: Mark[] = [
      { kind: 'point', color: 'red', uv: [20, 20] },
      { kind: 'point', color: 'blue', uv: [60, 40], image: 1 },
      { kind: 'box', color: 'green', box: [5, 5, 10, 10], image: 2 },
    ];
    const v1 = markedImage(blank(100, 80), marks, 1, { radius: 5, outline: 1 });
    expect(px(v1, 60, 40)).toEqual(BLUE);
    expect(px(v1, 20, 20)).toEqual(BG);
    const v0 = markedImage(blank(100, 80), marks, 0, { radius: 5, outline: 1 });
    expect(px(v0, 20, 20)).toEqual(RED);
    expect(px(v0, 60, 40)).toEqual(BG);
  });

  it('takes a plain Uint8Array and draws in place', () => {
    const img = blank(30, 20, Uint8Array);
    const out = drawMarks(img, [{ kind: 'point', color: 'red', uv: [15, 10] }]);
    expect(out).toBe(img);
    expect(px(img, 15, 10)).toEqual(RED);
  });

  it('refuses a buffer of the wrong size and malformed marks', () => {
    expect(() => drawMarks({ width: 10, height: 10, data: new Uint8ClampedArray(399) }, [])).toThrow(/needs 400 bytes/);
    expect(() => drawMarks(blank(10, 10), [{ kind: 'point', color: 'red' }])).toThrow(/no valid uv/);
    expect(() => drawMarks(blank(10, 10), [{ kind: 'box', color: 'red', box: [0, 0, NaN, 1] }])).toThrow(/no valid box/);
  });

  it('is quick on a 4000×3000 photo: only the marks’ pixels are visited', () => {
    const img: RgbaImage = { width: 4000, height: 3000, data: new Uint8ClampedArray(4000 * 3000 * 4) };
    const marks: Mark[] = [
      { kind: 'point', color: 'red', uv: [1000, 1000] },
      { kind: 'point', color: 'blue', uv: [3990, 2990] },
      { kind: 'box', color: 'green', box: [200, 300, 3500, 2800] },
      { kind: 'box', color: 'yellow', box: [1500, 1500, 1700, 1600] },
    ];
    // the fastest of ten runs: a busy machine slows some runs, never all of them
    let ms = Infinity;
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      drawMarks(img, marks);
      ms = Math.min(ms, performance.now() - t0);
    }
    // a full pass over 12 Mpx alone takes longer than this
    expect(ms).toBeLessThan(40);
    expect(px(img, 1000, 1000)).toEqual(RED);
    expect(px(img, 2000, 2000)).toEqual([0, 0, 0, 0]);
  });
});
