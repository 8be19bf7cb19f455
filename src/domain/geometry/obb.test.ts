import { describe, expect, it } from 'vitest';
import type { Box3D } from '../scene/scene';
import { BOX_EDGES, boxCorners, boxFootprint, iou3d, pointInBox, projectBoxEdges, yawDifference } from './obb';

const box = (center: [number, number, number], size: [number, number, number], yaw = 0): Box3D => ({ center, size, yaw });
const closeTo = (v: number[]) => v.map((x) => expect.closeTo(x, 9));

describe('boxCorners and boxFootprint', () => {
  it('lists the bottom face counter-clockwise from (−l, −w), then the top face', () => {
    // 4 × 2 × 1 turned a quarter: its length now runs along world y
    const b = box([1, 2, 0.5], [4, 2, 1], Math.PI / 2);
    const corners = boxCorners(b);
    const expected = [[2, 0, 0], [2, 4, 0], [0, 4, 0], [0, 0, 0], [2, 0, 1], [2, 4, 1], [0, 4, 1], [0, 0, 1]];
    corners.forEach((c, k) => expect(c).toEqual(closeTo(expected[k])));
    expect(boxFootprint(b)).toEqual(expected.slice(0, 4).map(([x, y]) => closeTo([x, y])));
  });
  it('keeps the footprint counter-clockwise at any yaw', () => {
    for (const yaw of [-2, -0.3, 0, 1, 3]) {
      const f = boxFootprint(box([0, 0, 0], [3, 1, 1], yaw));
      let twiceArea = 0;
      for (let k = 0; k < 4; k++) twiceArea += f[k][0] * f[(k + 1) % 4][1] - f[(k + 1) % 4][0] * f[k][1];
      expect(twiceArea / 2).toBeCloseTo(3, 12);
    }
  });
  it('names 12 edges, each corner on three of them', () => {
    expect(BOX_EDGES.length).toBe(12);
    const degree = new Array(8).fill(0);
    for (const [i, j] of BOX_EDGES) degree[i]++, degree[j]++;
    expect(degree).toEqual(new Array(8).fill(3));
  });
});

describe('iou3d', () => {
  const unit = box([0, 0, 1], [2, 2, 2]);
  it('is 1 for identical boxes and 0 for disjoint ones', () => {
    expect(iou3d(unit, unit)).toBeCloseTo(1, 12);
    const rotated = box([0.3, -1, 2], [3, 1, 0.5], 0.7);
    expect(iou3d(rotated, { ...rotated })).toBeCloseTo(1, 12);
    expect(iou3d(unit, box([5, 0, 1], [2, 2, 2]))).toBe(0);
    expect(iou3d(unit, box([0, 0, 3.5], [2, 2, 2]))).toBe(0);
    // touching faces share no volume
    expect(iou3d(unit, box([2, 0, 1], [2, 2, 2]))).toBe(0);
  });
  it('is 1/3 for boxes overlapping by half along x, and along z', () => {
    // intersection 1 × 2 × 2 = 4, union 8 + 8 − 4 = 12
    expect(iou3d(unit, box([1, 0, 1], [2, 2, 2]))).toBeCloseTo(1 / 3, 12);
    expect(iou3d(unit, box([0, 0, 2], [2, 2, 2]))).toBeCloseTo(1 / 3, 12);
  });
  it('sees a square box turned a quarter, or a box with length and width swapped, as the same box', () => {
    expect(iou3d(unit, { ...unit, yaw: Math.PI / 2 })).toBeCloseTo(1, 12);
    expect(iou3d(box([1, 1, 1], [4, 2, 1], 0.2), box([1, 1, 1], [2, 4, 1], 0.2 + Math.PI / 2))).toBeCloseTo(1, 12);
  });
  it('intersects a square and the same square turned 45° in a regular octagon', () => {
    // The corners of [−1, 1]² beyond |x| + |y| = √2 are right triangles with legs 2 − √2, so the
    // octagon's area is 4 − 4·(2 − √2)²/2 = 8(√2 − 1); IoU = 8(√2 − 1) / (8 − 8(√2 − 1)) = 1/√2.
    const turned = { ...unit, yaw: Math.PI / 4 };
    expect(iou3d(unit, turned)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(iou3d(turned, unit)).toBeCloseTo(Math.SQRT1_2, 12);
    // and with half the height in common: intersection 8(√2 − 1)·1, union 16 − that
    const raised = { ...turned, center: [0, 0, 2] as [number, number, number] };
    const octagon = 8 * (Math.SQRT2 - 1);
    expect(iou3d(unit, raised)).toBeCloseTo(octagon / (16 - octagon), 12);
  });
  it('is 0 for boxes without volume', () => {
    const flat = box([0, 0, 0], [1, 1, 0]);
    expect(iou3d(flat, flat)).toBe(0);
  });
});

describe('projectBoxEdges', () => {
  // camera 1.4 m above the floor looking along world +y (the level rotation of docs/formats.md's example scene)
  const K = { fx: 500, fy: 500, cx: 319.5, cy: 239.5 };
  const R = [1, 0, 0, 0, 0, 1, 0, -1, 0];
  it('projects corners with P_cam = Rᵀ(P − T) and the pixel-centre convention', () => {
    const edges = projectBoxEdges(box([0, 3, 0.5], [1, 1, 1]), K, R, [0, 0, 1.4]);
    expect(edges.length).toBe(12);
    // corner 0 (−0.5, 2.5, 0): camera (−0.5, 1.4, 2.5) → u = 500·(−0.2) + 319.5, v = 500·0.56 + 239.5
    // corner 1 (0.5, 2.5, 0): camera (0.5, 1.4, 2.5)
    expect(edges[0]).toEqual([closeTo([219.5, 519.5]), closeTo([419.5, 519.5])]);
    // edge 10 runs from corner 2 to corner 6 (0.5, 3.5, 1): camera (0.5, 0.4, 3.5)
    expect(edges[10][1]).toEqual(closeTo([319.5 + 500 / 7, 239.5 + 400 / 7]));
    expect(edges.every((e) => e[0] !== null && e[1] !== null)).toBe(true);
  });
  it('clips edges at the near plane and drops edges wholly behind the camera', () => {
    // the camera sits inside a 2 m cube: world (x, y, z) is camera (x, −z, y)
    const edges = projectBoxEdges(box([0, 0, 0], [2, 2, 2]), K, R, [0, 0, 0]);
    // edge 0 (corners 0 → 1) lies at camera z = −1
    expect(edges[0]).toEqual([null, null]);
    // edge 3 runs from corner 3, camera (−1, 1, 1), to corner 0, camera (−1, 1, −1): it is cut at
    // z = 0.01, where the camera point is (−1, 1, 0.01)
    expect(edges[3]).toEqual([closeTo([-500 + 319.5, 500 + 239.5]), closeTo([-50000 + 319.5, 50000 + 239.5])]);
    // edge 1 starts behind: corner 1, camera (1, 1, −1), to corner 2, camera (1, 1, 1)
    expect(edges[1]).toEqual([closeTo([50000 + 319.5, 50000 + 239.5]), closeTo([500 + 319.5, 500 + 239.5])]);
    // the four corners at world y = −1 are behind, so are the edges joining them
    for (const k of [0, 4, 8, 9]) expect(edges[k]).toEqual([null, null]);
    // edge 6 (corners 6 → 7) lies wholly in front at camera z = 1
    expect(edges[6]).toEqual([closeTo([819.5, -260.5]), closeTo([-180.5, -260.5])]);
  });
});

describe('pointInBox', () => {
  const b = box([1, 2, 0.5], [4, 2, 1], Math.PI / 2);
  it('tests against the turned box, faces included', () => {
    expect(pointInBox(b, [1, 3.9, 0.5])).toBe(true); // along the length, now world y
    expect(pointInBox(b, [1, 4.1, 0.5])).toBe(false);
    expect(pointInBox(b, [1.9, 2, 0.5])).toBe(true);
    expect(pointInBox(b, [2.1, 2, 0.5])).toBe(false);
    expect(pointInBox(b, [1, 2, 1.01])).toBe(false);
    for (const c of boxCorners(b)) expect(pointInBox(b, c)).toBe(true);
  });
});

describe('yawDifference', () => {
  const long = (yaw: number, size: [number, number, number] = [2, 1, 1]) => box([0, 0, 0], size, yaw);
  it('treats a half turn as no turn', () => {
    expect(yawDifference(long(0), long(Math.PI))).toBeCloseTo(0, 12);
    expect(yawDifference(long(0.1), long(Math.PI - 0.1))).toBeCloseTo(0.2, 12);
    expect(yawDifference(long(-3), long(3))).toBeCloseTo(2 * Math.PI - 6, 12);
    expect(yawDifference(long(0), long(Math.PI / 2))).toBeCloseTo(Math.PI / 2, 12);
    expect(yawDifference(long(0.3), long(1.3))).toBeCloseTo(1, 12);
  });
  it('compares long sides, so swapping length and width with a quarter turn changes nothing', () => {
    expect(yawDifference(long(0), long(Math.PI / 2, [1, 2, 1]))).toBeCloseTo(0, 12);
  });
  it('treats a quarter turn as no turn when a footprint is nearly square', () => {
    expect(yawDifference(long(0, [1, 0.96, 1]), long(Math.PI / 2))).toBeCloseTo(0, 12);
    expect(yawDifference(long(0, [1, 1, 1]), long(1))).toBeCloseTo(Math.PI / 2 - 1, 12);
    // 6 % apart is not square
    expect(yawDifference(long(0, [1, 0.94, 1]), long(Math.PI / 2, [1, 0.94, 1]))).toBeCloseTo(Math.PI / 2, 12);
  });
});
