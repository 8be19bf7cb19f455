import { describe, expect, it } from 'vitest';
import { TABLETOP, liftObjectScene } from '../../test/objectScenes';
import { iou3d, yawDifference } from '../geometry/obb';
import { liftAnnotation } from './liftObject';
import type { Annotation2D } from './types';

describe('lifting annotations to 3D boxes (analytic scene)', () => {
  const { ctx, annotations } = liftObjectScene(640, 480, TABLETOP);
  it('from masks: mean 3D IoU ≥ 0.8 and yaw within 5°', () => {
    const ious: number[] = [], yaws: number[] = [];
    annotations.forEach((a, k) => {
      const r = liftAnnotation(a, ctx);
      expect(r.box3d).not.toBeNull();
      ious.push(iou3d(r.box3d!, TABLETOP[k].box));
      yaws.push((yawDifference(r.box3d!, TABLETOP[k].box) * 180) / Math.PI);
      expect(r.quality.fewPoints).toBe(false);
      expect(r.quality.plausible).toBe(true);
    });
    const mean = ious.reduce((a, b) => a + b, 0) / ious.length;
    console.log(`masks: IoU ${ious.map((x) => x.toFixed(2)).join(' ')} (mean ${mean.toFixed(3)}); yaw error ° ${yaws.map((x) => x.toFixed(1)).join(' ')}`);
    expect(mean).toBeGreaterThanOrEqual(0.8);
    for (const y of yaws) expect(y).toBeLessThanOrEqual(5);
  });
  it('from boxes alone: the object is still found among background and occluders', () => {
    const ious = annotations.map((a, k) => iou3d(liftAnnotation({ ...a, segmentation: undefined }, ctx).box3d!, TABLETOP[k].box));
    const mean = ious.reduce((a, b) => a + b, 0) / ious.length;
    console.log(`boxes only: IoU ${ious.map((x) => x.toFixed(2)).join(' ')} (mean ${mean.toFixed(3)})`);
    expect(mean).toBeGreaterThan(0.5);
  });
  it('flags a box built from too few points and an implausible size', () => {
    const tiny: Annotation2D = { id: 't', category: 'cup', bbox: [100, 400, 2, 2], source: 'drawn' };
    expect(liftAnnotation(tiny, ctx).quality.fewPoints).toBe(true);
    const r = liftAnnotation({ ...annotations[3], category: 'cup' }, ctx); // a couch called a cup
    expect(r.quality.plausible).toBe(false);
    expect(r.note).toMatch(/cup: longest side .* expected 0.04–0.25 m/);
  });
});
