import { describe, expect, it } from 'vitest';
import { resizeKeepingBottom } from './boxEdit';

describe('editing a box size keeps its bottom', () => {
  it('a box on the floor (bottom z = 0) stays on it when its height changes', () => {
    const b = { center: [0.4, 2.1, 0.45] as [number, number, number], size: [0.5, 0.4, 0.9] as [number, number, number], yaw: 0.3 };
    const r = resizeKeepingBottom(b, [0.5, 0.4, 1.2]);
    expect(r.center[2] - r.size[2] / 2).toBeCloseTo(0, 12);
    expect(r.center[2]).toBeCloseTo(0.6, 12);
    expect([r.center[0], r.center[1], r.yaw]).toEqual([0.4, 2.1, 0.3]);
    expect(b.center[2]).toBe(0.45); // the input is not changed
  });

  it('a box on a table (bottom 0.75 m) keeps that bottom; length and width keep the centre', () => {
    const b = { center: [0, 3, 0.8] as [number, number, number], size: [0.2, 0.2, 0.1] as [number, number, number], yaw: 0 };
    const r = resizeKeepingBottom(b, [0.4, 0.3, 0.3]);
    expect(r.center[2] - r.size[2] / 2).toBeCloseTo(0.75, 12);
    expect(r.center.slice(0, 2)).toEqual([0, 3]);
    expect(r.size).toEqual([0.4, 0.3, 0.3]);
  });
});
