import { describe, expect, it } from 'vitest';
import { convexHull, minAreaRect } from './minAreaRect';
import { mulberry32 } from './random';

const rad = (d: number) => (d * Math.PI) / 180;

/** Corners of a w × h rectangle centred at (cx, cy), its w side along angle a. */
function rectCorners(cx: number, cy: number, w: number, h: number, a: number): number[] {
  const c = Math.cos(a), s = Math.sin(a);
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].flatMap(([i, j]) => [cx + (c * i * w) / 2 - (s * j * h) / 2, cy + (s * i * w) / 2 + (c * j * h) / 2]);
}

describe('convexHull', () => {
  it('returns the corners counter-clockwise from the lowest x, without interior or edge points', () => {
    // square 0..2 with its centre, an edge midpoint and a repeated corner
    const xy = [1, 1, 2, 2, 0, 0, 2, 0, 1, 0, 0, 2, 2, 2];
    expect(convexHull(xy)).toEqual([2, 3, 1, 5]);
  });
  it('handles one point, repeated points and collinear points', () => {
    expect(convexHull([])).toEqual([]);
    expect(convexHull([3, 4])).toEqual([0]);
    expect(convexHull([3, 4, 3, 4, 3, 4])).toEqual([0]);
    expect(convexHull([0, 0, 2, 2, 1, 1, 3, 3])).toEqual([0, 3]);
    expect(convexHull([1, 1, NaN, 0, 0, 0, 1, 0, 0, 1])).toEqual([2, 3, 0, 4]);
  });
});

describe('minAreaRect', () => {
  it('recovers a rotated rectangle from its corners and interior points', () => {
    // 4 × 2 at 30°, centred at (1, 2)
    const xy = [...rectCorners(1, 2, 4, 2, rad(30)), 1, 2, 1.5, 2.2, 0.3, 1.9, 1.2, 2.5];
    const r = minAreaRect(xy);
    expect(r.center[0]).toBeCloseTo(1, 12);
    expect(r.center[1]).toBeCloseTo(2, 12);
    expect(r.size[0]).toBeCloseTo(4, 12);
    expect(r.size[1]).toBeCloseTo(2, 12);
    expect(r.angle).toBeCloseTo(Math.PI / 6, 12);
  });
  it('puts the long side first and reports the angle in (−π/2, π/2]', () => {
    // long side at 120° is the same line as at −60°
    let r = minAreaRect(rectCorners(-3, 5, 6, 1, rad(120)));
    expect(r.size[0]).toBeCloseTo(6, 12);
    expect(r.size[1]).toBeCloseTo(1, 12);
    expect(r.angle).toBeCloseTo(rad(-60), 12);
    expect(r.center[0]).toBeCloseTo(-3, 12);
    expect(r.center[1]).toBeCloseTo(5, 12);
    // given with the short side along 20°: the long side runs along 110° ≡ −70°
    r = minAreaRect(rectCorners(0, 0, 1, 3, rad(20)));
    expect(r.size).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    expect(r.angle).toBeCloseTo(rad(-70), 12);
    // axis-aligned and upright: exactly π/2 is inside the range, −π/2 is not
    r = minAreaRect([0, 0, 1, 0, 1, 5, 0, 5]);
    expect(r.size).toEqual([5, 1]);
    expect(r.angle).toBeCloseTo(Math.PI / 2, 15);
    expect(r.center).toEqual([0.5, 2.5]);
  });
  it('reports a square with an angle in (−π/4, π/4], whatever corner order or quarter turn', () => {
    for (const a of [10, 100, -80, 190]) {
      const r = minAreaRect(rectCorners(2, 1, 2, 2, rad(a)));
      expect(r.size[0]).toBeCloseTo(2, 12);
      expect(r.size[1]).toBeCloseTo(2, 12);
      expect(r.angle).toBeCloseTo(rad(10), 12);
    }
    // at 45° rounding decides between the two ends of the range
    expect(Math.abs(minAreaRect(rectCorners(0, 0, 2, 2, rad(45))).angle)).toBeCloseTo(Math.PI / 4, 12);
  });
  it('gives zero width for collinear points and zero size for one point', () => {
    let r = minAreaRect([0, 0, 2, 2, 1, 1, 3, 3]);
    expect(r.size[0]).toBeCloseTo(3 * Math.SQRT2, 12);
    expect(r.size[1]).toBe(0);
    expect(r.angle).toBeCloseTo(Math.PI / 4, 12);
    expect(r.center).toEqual([1.5, 1.5]);
    r = minAreaRect([5, 1, 5, -3, 5, 0]);
    expect(r).toEqual({ center: [5, -1], size: [4, 0], angle: Math.PI / 2 });
    expect(minAreaRect(Float64Array.from([7, -2, 7, -2]))).toEqual({ center: [7, -2], size: [0, 0], angle: 0 });
    expect(() => minAreaRect([])).toThrow(RangeError);
  });
  it('finds the same area as trying every hull edge by brute force', () => {
    const rand = mulberry32(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 3 + Math.floor(rand() * 60);
      const xy: number[] = [];
      const sx = 0.2 + rand() * 3, sy = 0.2 + rand() * 3;
      for (let k = 0; k < n; k++) xy.push(100 + (rand() - 0.5) * sx, -40 + (rand() - 0.5) * sy);
      const hull = convexHull(xy);
      let best = Infinity;
      for (let i = 0; i < hull.length; i++) {
        const a = hull[i], b = hull[(i + 1) % hull.length];
        const ex = xy[2 * b] - xy[2 * a], ey = xy[2 * b + 1] - xy[2 * a + 1], len = Math.hypot(ex, ey);
        let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
        for (let k = 0; k < n; k++) {
          const u = (xy[2 * k] * ex + xy[2 * k + 1] * ey) / len, v = (xy[2 * k + 1] * ex - xy[2 * k] * ey) / len;
          u0 = Math.min(u0, u), u1 = Math.max(u1, u), v0 = Math.min(v0, v), v1 = Math.max(v1, v);
        }
        best = Math.min(best, (u1 - u0) * (v1 - v0));
      }
      const r = minAreaRect(xy);
      expect(r.size[0] * r.size[1]).toBeCloseTo(best, 9);
      expect(r.size[0]).toBeGreaterThanOrEqual(r.size[1]);
      expect(r.angle).toBeGreaterThan(-Math.PI / 2);
      expect(r.angle).toBeLessThanOrEqual(Math.PI / 2);
      // every point is inside the reported rectangle
      const c = Math.cos(r.angle), s = Math.sin(r.angle);
      for (let k = 0; k < n; k++) {
        const dx = xy[2 * k] - r.center[0], dy = xy[2 * k + 1] - r.center[1];
        expect(Math.abs(c * dx + s * dy)).toBeLessThanOrEqual(r.size[0] / 2 + 1e-9);
        expect(Math.abs(-s * dx + c * dy)).toBeLessThanOrEqual(r.size[1] / 2 + 1e-9);
      }
    }
  });
});
