import { describe, expect, it } from 'vitest';
import type { SceneFile } from '../../scene/scene';
import { livingRoom } from '../../../test/qaScenes';
import { makeItem, recompute } from './recompute';
import type { QAFormat, QAItem } from '../types';

const room = livingRoom();

function item(task: string, objects: string[], format: QAFormat, extra: Record<string, unknown> = {}): QAItem {
  const r = makeItem(room, task, format, { objects, ...extra });
  if (typeof r === 'string') throw new Error(r);
  return r;
}

/** The room with one object's box centre moved (a reviewer's fix). */
function moved(id: string, center: [number, number, number]): SceneFile {
  const s = structuredClone(room);
  s.objects.find((o) => o.id === id)!.box3d!.center = center;
  return s;
}

describe('recompute', () => {
  it('derives the answer, value, evidence and marks again after a box is moved', () => {
    const before = item('distance_prediction_oo', ['sofa', 'table'], 'fill');
    expect(before.answer).toBe('1.8');
    // table to (1.3, 3.0, 0.38): √(2.5² + 1² + 0.07²) = √7.2549 = 2.694
    const r = recompute(before, moved('table', [1.3, 3.0, 0.38]));
    expect(r.status).toBe('changed');
    if (r.status !== 'changed') return;
    expect(r.item.answer).toBe('2.7');
    expect(r.item.spatial_lens.value).toBeCloseTo(2.6935, 4);
    expect(r.changes).toEqual(['answer', 'value', 'marks', 'evidence']);
    expect(r.item.id).toBe(before.id);
    expect(r.item.question).toBe(before.question);
  });

  it('keeps the correct option’s letter and draws new wrong options around the new value', () => {
    const before = item('distance_prediction_oo', ['sofa', 'table'], 'select', { slot: 2 });
    expect(before.answer).toBe('C');
    const r = recompute(before, moved('table', [1.3, 3.0, 0.38]));
    if (r.status !== 'changed') throw new Error(r.status);
    expect(r.item.answer).toBe('C');
    expect(r.item.spatial_lens.options![2]).toBe('C. 2.7');
    for (const o of r.item.spatial_lens.options!.filter((_, k) => k !== 2)) expect(Math.abs(Number(o.slice(3)) - 2.694) / 2.694).toBeGreaterThan(0.5);
  });

  it('says when a relation became too close to tell', () => {
    const before = item('obj_spatial_relation_oo', ['lamp', 'table'], 'fill');
    expect(before.answer).toBe('right, above, behind');
    // lamp to x = 0.4: 0.1 m right of the table, on the indistinguishable threshold
    const r = recompute(before, moved('lamp', [0.4, 4.5, 0.8]));
    expect(r).toEqual({ status: 'invalid', reason: 'the left/right difference is too close to 0.1 m to tell' });
  });

  it('judges the same statement again: the claim stays, the answer follows the geometry', () => {
    const before = item('hispatial/L2/distance', ['sofa', 'table'], 'judge', { variant: 'euclidean', claim: 'more:1.20', truth: true });
    expect(before.question).toContain('more than 1.20 meters');
    expect(before.answer).toBe('True'); // 1.80 m
    // table to (1.0, 3.0, 0.38): sofa − table = (−2.2, 1.0, 0.07) → 2.418 m, still more than 1.20
    const farther = recompute(before, moved('table', [1.0, 3.0, 0.38]));
    expect(farther).toMatchObject({ status: 'changed', changes: ['value', 'evidence'], item: { answer: 'True', question: before.question } });
    // table to (−1.2, 3.15, 0.38), just in front of the sofa: (0, 0.85, 0.07) → 0.853 m, clearly less than 1.20 (> 25 % off)
    expect(recompute(before, moved('table', [-1.2, 3.15, 0.38]))).toMatchObject({ status: 'changed', item: { answer: 'False' } });
    // table to (−0.3, 3.2, 0.38): (−0.9, 0.8, 0.07) → 1.206 m, within 25 % of the claim: cannot be judged
    expect(recompute(before, moved('table', [-0.3, 3.2, 0.38]))).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/too close to the statement's 1\.20 to judge/) });
  });

  it('says when a spatial reference no longer picks its object', () => {
    const before = item('hispatial/L1/size', ['cup1'], 'fill', { variant: 'height' });
    expect(before.question).toBe('How tall is the leftmost cup? Answer with a number in centimeters.');
    // cup1 moved right of the others: another cup is leftmost now
    expect(recompute(before, moved('cup1', [0.9, 3.0, 0.81]))).toEqual({ status: 'invalid', reason: '"the leftmost cup" no longer picks cup1 by a clear margin' });
  });

  it('says when an object was removed or flagged as badly lifted', () => {
    const before = item('distance_prediction_oc', ['lamp'], 'fill');
    const without = { ...room, objects: room.objects.filter((o) => o.id !== 'lamp') };
    expect(recompute(before, without)).toEqual({ status: 'invalid', reason: 'lamp is not in the scene' });
    const flagged = structuredClone(room);
    flagged.objects.find((o) => o.id === 'lamp')!.quality = { plausible: false };
    expect(recompute(before, flagged)).toEqual({ status: 'invalid', reason: 'lamp can no longer be used: its size is implausible for a lamp' });
  });

  it('leaves items it did not generate alone', () => {
    const imported = { ...item('distance_prediction_oc', ['lamp'], 'fill') };
    imported.spatial_lens = { ...imported.spatial_lens, generator: { name: 'other' as 'spatial-lens', version: '1', seed: 0 } };
    expect(recompute(imported, room)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/not generated by Spatial Lens/) });
  });
});
