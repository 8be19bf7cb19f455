import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../geometry/random';
import { isSimplePolygon, polygonArea, polygonBbox, rasterizePolygons } from './polygon';
import type { Mask } from './types';

const setPixels = (m: Mask) => {
  const out: [number, number][] = [];
  for (let j = 0; j < m.height; j++) for (let i = 0; i < m.width; i++) if (m.data[j * m.width + i]) out.push([i, j]);
  return out;
};

/** Independent reference: even-odd crossing test at each pixel centre. */
function insideByCrossings(poly: number[], x: number, y: number): boolean {
  let inside = false;
  const n = poly.length / 2;
  for (let k = 0, p = n - 1; k < n; p = k++) {
    const xa = poly[2 * p], ya = poly[2 * p + 1], xb = poly[2 * k], yb = poly[2 * k + 1];
    if (ya > y !== yb > y && x < xa + ((y - ya) * (xb - xa)) / (yb - ya)) inside = !inside;
  }
  return inside;
}

describe('rasterizePolygons', () => {
  it('the rectangle [1,1]–[4,3] covers exactly the 3×2 pixels whose centres are inside', () => {
    // Centres x = 1.5, 2.5, 3.5 lie in (1, 4); y = 1.5, 2.5 lie in (1, 3).
    const expected = [[1, 1], [2, 1], [3, 1], [1, 2], [2, 2], [3, 2]];
    expect(setPixels(rasterizePolygons([[1, 1, 4, 1, 4, 3, 1, 3]], 6, 5))).toEqual(expected);
    // Orientation does not matter.
    expect(setPixels(rasterizePolygons([[1, 3, 4, 3, 4, 1, 1, 1]], 6, 5))).toEqual(expected);
  });

  it('a right triangle fills the rows worked out by hand', () => {
    // (0,0), (6,0), (0,4): centre (x, y) is inside when x < 6·(1 − y/4).
    // y = 0.5 → x < 5.25 → i = 0..4 (5); y = 1.5 → x < 3.75 → 4; y = 2.5 → x < 2.25 → 2; y = 3.5 → x < 0.75 → 1.
    const m = rasterizePolygons([[0, 0, 6, 0, 0, 4]], 8, 6);
    const perRow = Array.from({ length: 6 }, (_, j) => m.data.subarray(j * 8, j * 8 + 8).reduce((s, v) => s + v, 0));
    expect(perRow).toEqual([5, 4, 2, 1, 0, 0]);
    expect(setPixels(m).every(([i]) => i < 5)).toBe(true);
  });

  it('ORs several polygons (overlaps are not cancelled)', () => {
    // Two 2×2 squares overlapping in pixel (1, 1): 4 + 4 − 1 = 7 pixels.
    const m = rasterizePolygons([[0, 0, 2, 0, 2, 2, 0, 2], [1, 1, 3, 1, 3, 3, 1, 3]], 4, 4);
    expect(setPixels(m)).toEqual([[0, 0], [1, 0], [0, 1], [1, 1], [2, 1], [1, 2], [2, 2]]);
  });

  it('clips to the image and ignores degenerate polygons', () => {
    const m = rasterizePolygons([[-5, -5, 2, -5, 2, 1, -5, 1], [0, 0, 3, 3]], 4, 3);
    expect(setPixels(m)).toEqual([[0, 0], [1, 0]]);
  });

  it('agrees with a per-pixel crossing test on random (often self-intersecting) polygons', () => {
    const rand = mulberry32(3);
    for (let t = 0; t < 60; t++) {
      const W = 37, H = 29;
      const n = 3 + Math.floor(rand() * 12);
      const poly = Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? rand() * (W + 10) - 5 : rand() * (H + 10) - 5));
      const m = rasterizePolygons([poly], W, H);
      const wrong: string[] = [];
      for (let j = 0; j < H; j++)
        for (let i = 0; i < W; i++) if (m.data[j * W + i] !== (insideByCrossings(poly, i + 0.5, j + 0.5) ? 1 : 0)) wrong.push(`t=${t} (${i}, ${j})`);
      expect(wrong).toEqual([]);
    }
  });

  it('fills an even-odd hole where a polygon winds over itself', () => {
    // A square 0..6 traced, then an inner square 2..4 traced from the same corner (keyhole without a gap):
    // the inner region is crossed twice, so it stays empty.
    const poly = [0, 0, 6, 0, 6, 6, 0, 6, 0, 0, 2, 2, 2, 4, 4, 4, 4, 2, 2, 2];
    const m = rasterizePolygons([poly], 6, 6);
    expect(m.data[2 * 6 + 2]).toBe(0);
    expect(m.data[3 * 6 + 3]).toBe(0);
    expect(m.data[0]).toBe(1);
    expect(m.data.reduce((s, v) => s + v, 0)).toBe(36 - 4);
  });
});

describe('polygonArea and polygonBbox', () => {
  it('shoelace area, whatever the orientation', () => {
    expect(polygonArea([0, 0, 6, 0, 0, 4])).toBe(12); // ½ · 6 · 4
    expect(polygonArea([0, 4, 6, 0, 0, 0])).toBe(12);
    expect(polygonArea([1, 1, 4, 1, 4, 3, 1, 3])).toBe(6);
    expect(polygonArea([0, 0, 1, 1])).toBe(0);
  });

  it('box around all polygons', () => {
    expect(polygonBbox([[0, 0, 2, 0, 2, 2, 0, 2], [1, 1, 3.5, 1, 3.5, 3, 1, 3]])).toEqual([0, 0, 3.5, 3]);
    expect(polygonBbox([[10.5, 20, 30, 25.25, 12, 40]])).toEqual([10.5, 20, 19.5, 20]);
    expect(polygonBbox([])).toEqual([0, 0, 0, 0]);
  });

  it("matches COCO's own area for the real polygons of image 39769", () => {
    const file = path.resolve(import.meta.dirname, '../../../../shared/data/coco/coco_annotations.txt');
    const anns = JSON.parse(readFileSync(file, 'utf8')) as { segmentation: number[][]; area: number; bbox: number[] }[];
    for (const a of anns) {
      expect(polygonArea(a.segmentation[0])).toBeCloseTo(a.area, 6);
      polygonBbox(a.segmentation).forEach((v, k) => expect(v).toBeCloseTo(a.bbox[k], 6));
      expect(isSimplePolygon(a.segmentation[0])).toBe(true);
    }
  });
});

describe('isSimplePolygon', () => {
  it('a square and a triangle are simple', () => {
    expect(isSimplePolygon([0, 0, 4, 0, 4, 4, 0, 4])).toBe(true);
    expect(isSimplePolygon([0, 0, 6, 0, 0, 4])).toBe(true);
  });

  it('a bow-tie is not', () => {
    expect(isSimplePolygon([0, 0, 4, 4, 4, 0, 0, 4])).toBe(false);
  });

  it('touching, folding back and too few points are not simple', () => {
    // Vertex (2, 0) lies on the non-adjacent edge (0, 0)–(4, 0).
    expect(isSimplePolygon([0, 0, 4, 0, 4, 4, 2, 0, 0, 4])).toBe(false);
    // A spike: (4, 0) → (6, 0) → (5, 0) turns straight back.
    expect(isSimplePolygon([0, 0, 4, 0, 6, 0, 5, 0, 4, 4])).toBe(false);
    expect(isSimplePolygon([0, 0, 4, 0])).toBe(false);
  });

  it('ignores repeated vertices and an explicit closing vertex', () => {
    expect(isSimplePolygon([0, 0, 4, 0, 4, 0, 4, 4, 0, 4, 0, 0])).toBe(true);
  });
});
