// Every task family on a hand-built room whose answers were worked out by hand (the arithmetic is
// in the comments; camera 1.5 m up at the origin looking along world +y, so an object at world
// (x, y, z) sits at camera (x, 1.5 − z, y)).
import { describe, expect, it } from 'vitest';
import { box, livingRoom, obj, qaScene } from '../../../test/qaScenes';
import { makeItem } from './recompute';
import type { QAFormat, QAItem } from '../types';

const room = livingRoom();

function ask(task: string, objects: string[], format: QAFormat = 'fill', extra: Record<string, unknown> = {}): QAItem {
  const item = makeItem(room, task, format, { objects, ...extra });
  if (typeof item === 'string') throw new Error(`${task} on ${objects.join(',')}: ${item}`);
  return item;
}
const skipReason = (task: string, objects: string[], extra: Record<string, unknown> = {}, scene = room) => {
  const r = makeItem(scene, task, 'fill', { objects, ...extra });
  return typeof r === 'string' ? r : null;
};

describe('SPAR families', () => {
  it('depth_prediction_oc: the second object’s camera z, one decimal, the first’s given', () => {
    // table at world y = 3.0 → depth 3.0; TV at y = 5.2 → depth 5.2
    const it = ask('depth_prediction_oc', ['table', 'tv']);
    expect(it.answer).toBe('5.2');
    expect(it.question).toContain('3.0 meters');
    expect(it.question).toContain('dining table (red point)');
    expect(it.question).toContain('TV (blue point)');
    expect(it.question).toContain('Calculate or judge based on the 3D center points of these objects.');
    expect(it.spatial_lens.unit).toBe('m');
  });

  it('depth_prediction_oo: |Δz|, skipped when the depths are within 0.1 m', () => {
    // sofa depth 4.0, table 3.0
    expect(ask('depth_prediction_oo', ['sofa', 'table']).answer).toBe('1.0');
    // cup1 depth 3.0 and table depth 3.0
    expect(skipReason('depth_prediction_oo', ['cup1', 'chair2'])).toBeNull(); // 3.0 vs 2.6
    expect(skipReason('depth_prediction_oo', ['cup1', 'table'])).toMatch(/too close/);
  });

  it('distance_prediction_oc and _oo: Euclidean distances', () => {
    // table at camera (0.3, 1.12, 3.0): √(0.09 + 1.2544 + 9) = 3.216
    expect(ask('distance_prediction_oc', ['table']).answer).toBe('3.2');
    // sofa–table: √(1.5² + 1.0² + 0.07²) = √3.2549 = 1.804
    expect(ask('distance_prediction_oo', ['sofa', 'table']).answer).toBe('1.8');
  });

  it('distance_infer_center_oo: which of two is closer to / farther from a third', () => {
    // lamp (1.6, 4.5, 0.8) to table (0.3, 3.0, 0.38): √(1.69 + 2.25 + 0.1764) = 2.03; to sofa (−1.2, 4, 0.45): √(7.84 + 0.25 + 0.1225) = 2.87
    expect(ask('distance_infer_center_oo', ['lamp', 'table', 'sofa'], 'fill', { variant: 'closer' }).answer).toBe('dining table');
    expect(ask('distance_infer_center_oo', ['lamp', 'table', 'sofa'], 'fill', { variant: 'farther' }).answer).toBe('couch');
    const s = ask('distance_infer_center_oo', ['lamp', 'table', 'sofa'], 'sentence', { variant: 'closer' });
    expect(s.answer).toBe('The lamp is 2.0 meters from the dining table and 2.9 meters from the couch, so the dining table is closer.');
    // two chairs cannot be told apart by name
    expect(skipReason('distance_infer_center_oo', ['lamp', 'chair1', 'chair2'])).toMatch(/share a label/);
  });

  it('obj_spatial_relation_oo: left/right, above/below, front/behind with 0.1 m indistinguishable', () => {
    // lamp − table in the levelled frame: x 1.6 − 0.3 = 1.3 (right), up 0.8 − 0.38 = 0.42 (above), forward 4.5 − 3.0 = 1.5 (farther: behind)
    expect(ask('obj_spatial_relation_oo', ['lamp', 'table']).answer).toBe('right, above, behind');
    // chair1 − sofa: x 0.6 (right), up 0 (indistinguishable), forward −1.6 (front)
    expect(ask('obj_spatial_relation_oo', ['chair1', 'sofa']).answer).toBe('right, , front');
    // cup3 − cup2 sideways: 0.5 − 0.6 = −0.1, right at the threshold: too close to tell
    expect(skipReason('obj_spatial_relation_oo', ['cup3', 'cup2'])).toMatch(/left\/right.*too close/);
  });

  it('obj_spatial_relation_oc: relation to the observer', () => {
    // sofa offset from the camera (−1.2 right, 4.0 forward, −1.05 up)
    expect(ask('obj_spatial_relation_oc', ['sofa']).answer).toBe('left, below, front');
    const s = ask('obj_spatial_relation_oc', ['sofa'], 'sentence');
    expect(s.answer).toBe('Relative to the observer, the couch is to the left, below and in front.');
  });

  it('spatial_imagination_oc / _oo: observer moved to A facing B (SPAR eq. 7–8)', () => {
    // A table (0.3, 3, 0.38), B TV (0.2, 5.2, 1.2): forward = (−0.1, 2.2, 0.82)/2.35, elevation asin(0.349) = 20.4° (< 30°).
    // right = forward × z = (0.999, 0.045, 0); up = right × forward = (0.016, −0.349, 0.937).
    // C sofa − A = (−1.5, 1.0, 0.07): right −1.453 (left), forward 1.024 (front), up −0.307 (below)  [checked with numpy]
    expect(ask('spatial_imagination_oc', ['table', 'tv', 'sofa']).answer).toBe('left, below, front');
    // sofa relative to the TV from there: sofa − TV in the new frame = (−1.453, −1.326, −0.307): left, nearer (front), below
    expect(ask('spatial_imagination_oo', ['table', 'tv', 'sofa']).answer).toBe('left, below, front');
    // table → lamp on… the cup on the table looking at the plant: steep views are discarded
    const steep = qaScene([obj('a', 'cup', box([0, 3, 0.1], [0.1, 0.1, 0.1])), obj('b', 'clock', box([0, 3.5, 2.4], [0.3, 0.1, 0.3])), obj('c', 'chair', box([1, 3, 0.45], [0.5, 0.5, 0.9]))]);
    expect(skipReason('spatial_imagination_oc', ['a', 'b', 'c'], {}, steep)).toMatch(/too steep \(78°\)/);
  });

  it('spatial_volume_infer: box volume in cubic metres, dimensions in the sentence', () => {
    // lamp 0.4 × 0.4 × 1.6 = 0.256 m³ → two significant digits
    expect(ask('spatial_volume_infer', ['lamp']).answer).toBe('0.26');
    expect(ask('spatial_volume_infer', ['lamp'], 'sentence').answer).toContain('40 cm by 40 cm and 160 cm tall');
  });

  it('marks: SPAR points at the projected 3D centre, colours in question order', () => {
    // table at camera (0.3, 1.12, 3.0): u = 500·0.1 + 319.5 = 369.5, v = 500·0.3733 + 239.5 = 426.2
    const it = ask('distance_prediction_oo', ['table', 'tv']);
    expect(it.spatial_lens.marks[0]).toEqual({ object: 'table', kind: 'point', color: 'red', uv: [369.5, 426.2] });
    expect(it.spatial_lens.marks[1]).toMatchObject({ object: 'tv', kind: 'point', color: 'blue' });
  });
});

describe('HiSpatial levels', () => {
  it('L1 position: the centre in camera coordinates', () => {
    expect(ask('hispatial/L1/position', ['table']).answer).toBe('(0.30, 1.12, 3.00)');
  });

  it('L1 size: centimetres under a metre, metres above', () => {
    expect(ask('hispatial/L1/size', ['chair1'], 'fill', { variant: 'height' }).answer).toBe('90');
    expect(ask('hispatial/L1/size', ['chair1'], 'fill', { variant: 'height' }).question).toContain('in centimeters');
    expect(ask('hispatial/L1/size', ['sofa'], 'fill', { variant: 'length' }).answer).toBe('2.00');
    expect(ask('hispatial/L1/size', ['sofa'], 'fill', { variant: 'width' }).answer).toBe('90');
  });

  it('L1 orientation: only with a known facing; quadrant as seen from the camera', () => {
    const faced = (yaw: number) =>
      qaScene([obj('c', 'chair', box([0, 3, 0.45], [0.5, 0.5, 0.9], yaw), { orientation: { source: 'annotated' } }), obj('t', 'dining table', box([1.5, 3, 0.38], [1, 0.6, 0.76]))]);
    const facing = (yaw: number) => {
      const r = makeItem(faced(yaw), 'hispatial/L1/orientation', 'fill', { objects: ['c'] });
      return typeof r === 'string' ? r : r.answer;
    };
    // front along local +x turned by yaw: −90° points along world −y, back at the camera
    expect(facing(-Math.PI / 2)).toBe('toward the camera');
    expect(facing(Math.PI / 2)).toBe('away from the camera');
    expect(facing(0)).toBe('to the right');
    expect(facing(Math.PI)).toBe('to the left');
    expect(facing(-Math.PI / 4 + 0.05)).toMatch(/diagonal/);
    expect(skipReason('hispatial/L1/orientation', ['table'])).toMatch(/not known/);
  });

  it('L2 direction: one axis at a time', () => {
    expect(ask('hispatial/L2/direction', ['lamp', 'sofa'], 'fill', { variant: 'lr' }).answer).toBe('right');
    expect(ask('hispatial/L2/direction', ['tv', 'table'], 'fill', { variant: 'ab' }).answer).toBe('above');
    expect(ask('hispatial/L2/direction', ['chair1', 'sofa'], 'fill', { variant: 'fb' }).answer).toBe('in front');
    expect(ask('hispatial/L2/direction', ['chair1', 'sofa'], 'sentence', { variant: 'fb' }).answer).toBe('The leftmost chair is in front of the couch.');
    expect(skipReason('hispatial/L2/direction', ['chair1', 'sofa'], { variant: 'ab' })).toMatch(/too small/);
  });

  it('L2 direction vector: unit vector A → B in the camera frame', () => {
    // table (0.3, 1.12, 3.0) → TV (0.2, 0.3, 5.2): (−0.1, −0.82, 2.2)/2.35 = (−0.043, −0.349, 0.936)
    expect(ask('hispatial/L2/direction_vector', ['table', 'tv']).answer).toBe('(-0.04, -0.35, 0.94)');
  });

  it('L2 distance: Euclidean, horizontal, vertical, depth-wise', () => {
    const d = (a: string, b: string, variant: string) => ask('hispatial/L2/distance', [a, b], 'fill', { variant }).answer;
    expect(d('sofa', 'table', 'euclidean')).toBe('1.80'); // √3.2549
    expect(d('sofa', 'table', 'horizontal')).toBe('1.80'); // √(1.5² + 1²) = 1.803
    expect(d('tv', 'table', 'vertical')).toBe('0.82'); // 1.2 − 0.38
    expect(d('tv', 'table', 'depth')).toBe('2.20'); // 5.2 − 3.0
    expect(skipReason('hispatial/L2/distance', ['sofa', 'table'], { variant: 'vertical' })).toMatch(/too small/); // 0.07 m
  });

  it('L2 comparison: extremes with a clear margin, and ordering', () => {
    // distances from the camera: sofa 4.31, table 3.22, TV 5.21
    expect(ask('hispatial/L2/comparison', ['sofa', 'table', 'tv'], 'fill', { variant: 'nearest' }).answer).toBe('the dining table');
    expect(ask('hispatial/L2/comparison', ['sofa', 'table', 'tv'], 'fill', { variant: 'farthest' }).answer).toBe('the TV');
    expect(ask('hispatial/L2/comparison', ['sofa', 'table', 'tv'], 'fill', { variant: 'order' }).answer).toBe('the dining table, the couch, the TV');
    // sizes are compared within one kind of object: cup3 (0.14 × 0.14 × 0.12 m, 2.35 L) is 3.7 times either
    // other cup (0.08 × 0.08 × 0.1 m, 0.64 L); cup1 is the leftmost, cups 2 and 3 (0.1 m apart) get boxes
    const largest = ask('hispatial/L2/comparison', ['cup1', 'cup2', 'cup3'], 'fill', { variant: 'largest' });
    expect(largest.question).toBe('Which of these is the largest: the leftmost cup, the cup highlighted by the red box and the cup highlighted by the blue box? Answer with the object only.');
    expect(largest.answer).toBe('the cup highlighted by the blue box');
    expect(largest.spatial_lens.marks.find((m) => m.color === 'blue')?.object).toBe('cup3');
    // cups 1 and 2 are equally small
    expect(skipReason('hispatial/L2/comparison', ['cup1', 'cup2', 'cup3'], { variant: 'smallest' })).toMatch(/too close/);
    // the largest of a couch, a table and a lamp is told by the names alone (volumes 1.62, 0.64 and 0.256 m³)
    expect(skipReason('hispatial/L2/comparison', ['sofa', 'table', 'lamp'], { variant: 'largest' })).toMatch(/names alone/);
  });

  it('L3 perspective: left/right and front/behind from another standpoint', () => {
    // at the table facing the TV (level): right = (0.999, 0.045, 0); sofa − table = (−1.5, 1.0, 0.07) → −1.453: left; forward 1.067: in front
    expect(ask('hispatial/L3/perspective', ['table', 'tv', 'sofa'], 'fill', { variant: 'lr' }).answer).toBe('left');
    expect(ask('hispatial/L3/perspective', ['table', 'tv', 'sofa'], 'fill', { variant: 'fb' }).answer).toBe('in front');
  });

  it('L3 counting: how many of a class satisfy a relation to an anchor', () => {
    // cups at x 0.0, 0.6, 0.5 against the table at 0.3: only cup1 is left of it (by 0.3 m)
    const it = ask('hispatial/L3/counting', ['table'], 'fill', { variant: 'left', target: 'cup' });
    expect(it.answer).toBe('1');
    expect(it.question).toBe('How many cups are to the left of the dining table, as seen from the camera? Answer with a number.');
    // cup3 lies 0.2 m and cup2 0.3 m right of the table's centre: 2
    expect(ask('hispatial/L3/counting', ['table'], 'fill', { variant: 'right', target: 'cup' }).answer).toBe('2');
    // chairs within 1 m of the table: chair1 (−0.9, −0.6, 0.07) → 1.084 m, chair2 (1.0, −0.4, 0.07) → 1.079 m: none
    expect(ask('hispatial/L3/counting', ['table'], 'fill', { variant: 'near', target: 'chair' }).answer).toBe('0');
    // a chair 1.02 m away is too close to the boundary to count either way
    const edge = qaScene([obj('t', 'dining table', box([0, 3, 0.38], [1, 0.6, 0.76])), obj('c1', 'chair', box([1.02, 3, 0.38], [0.4, 0.4, 0.76])), obj('c2', 'chair', box([-2, 3, 0.38], [0.4, 0.4, 0.76]))]);
    expect(skipReason('hispatial/L3/counting', ['t'], { variant: 'near', target: 'chair' }, edge)).toMatch(/boundary/);
  });
});

describe('references', () => {
  it('unique labels alone, clear spatial references, else a highlighted box', () => {
    const it = ask('hispatial/L2/distance', ['cup1', 'cup3'], 'fill', { variant: 'euclidean' });
    // cup1 is clearly leftmost (u 320 vs 390 and 423, gap > 6 % of 640 px); cup3 is the largest (2.35 l vs 0.64 l)
    expect(it.question).toContain('the leftmost cup');
    expect(it.question).toContain('the largest cup');
    // cup2: 33 px from cup3, same volume as cup1, distances within 0.3 m: no clear reference
    const boxed = ask('hispatial/L2/distance', ['cup2', 'sofa'], 'fill', { variant: 'euclidean' });
    expect(boxed.question).toContain('the cup highlighted by the red box');
    expect(boxed.question).toContain('the couch');
    expect(boxed.spatial_lens.marks).toHaveLength(1);
    expect(boxed.spatial_lens.marks[0]).toMatchObject({ object: 'cup2', kind: 'box', color: 'red' });
  });
});
