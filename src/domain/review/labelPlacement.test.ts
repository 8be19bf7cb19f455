import { describe, expect, it } from 'vitest';
import { type LabelRequest, labelsOverlap, placeLabels } from './labelPlacement';

const cam: [number, number, number] = [0, 0, 1.5];
/** "depth 2.90 m"-sized labels: 0.5 × 0.1 m. */
const depthTo = (x: number, y: number, z: number): LabelRequest => ({ from: cam, to: [x, y, z], width: 0.5, height: 0.1 });

describe('placing 3D labels so they do not cover each other', () => {
  it('two depths from the camera to nearby objects (2.90 m and 2.59 m): the middles collide, the placement does not', () => {
    const labels = [depthTo(0.2, 2.9, 0.8), depthTo(0.35, 2.59, 0.7)];
    const middles = labels.map((l) => ({ at: l.from.map((v, k) => (v + l.to[k]) / 2) as [number, number, number], t: 0.5 }));
    expect(labelsOverlap(labels, middles)).toBe(true);
    const placed = placeLabels(labels);
    expect(labelsOverlap(labels, placed)).toBe(false);
    // the first keeps the middle; each sits on its own segment
    expect(placed[0].t).toBe(0.5);
    placed.forEach((p, k) => {
      const l = labels[k];
      for (let a = 0; a < 3; a++) expect(p.at[a]).toBeCloseTo(l.from[a] + (l.to[a] - l.from[a]) * p.t, 12);
    });
  });

  it('depths are drawn along the camera axis itself, so both segments lie on one line: the labels still part', () => {
    const axis = (d: number): LabelRequest => ({ from: cam, to: [0, d, 1.5], width: 0.3, height: 0.06 });
    const labels = [axis(2.9), axis(2.59)];
    const placed = placeLabels(labels, 0.04);
    expect(labelsOverlap(labels, placed)).toBe(false);
    // along its segment, not lifted away from it
    expect(placed[1].at[2]).toBeCloseTo(1.54, 12);
    expect(placed[1].at[1]).toBeLessThanOrEqual(2.59);
  });

  it('labels far apart stay at their middles', () => {
    const labels = [depthTo(-2, 3, 0.5), depthTo(2, 3, 0.5)];
    expect(placeLabels(labels).map((p) => p.t)).toEqual([0.5, 0.5]);
  });

  it('five labels on one short segment: none overlap (the ones that do not fit are lifted above)', () => {
    const labels = Array.from({ length: 5 }, () => ({ from: [0, 2, 0.5] as [number, number, number], to: [0.6, 2, 0.5] as [number, number, number], width: 0.4, height: 0.08 }));
    const placed = placeLabels(labels, 0.05);
    expect(labelsOverlap(labels, placed)).toBe(false);
    expect(Math.max(...placed.map((p) => p.at[2]))).toBeGreaterThan(0.55);
  });

  it('random scenes: 2000 sets of 2–6 camera rays, never an overlap', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 2000; n++) {
      const labels = Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => depthTo(rnd() * 2 - 1, 1 + rnd() * 3, rnd()));
      expect(labelsOverlap(labels, placeLabels(labels))).toBe(false);
    }
  });
});
