import { describe, expect, it } from 'vitest';
import type { Mark, QAItem } from '../qa/types';
import type { LiftedView } from '../scene/liftedView';
import { markEvidence, placeMark } from './markEvidence';

// A 64×48 working grid for a 128×96 stored photo (every stored pixel is half a working pixel),
// fx = fy = 50 at the centre. The camera stands 1.5 m up looking along world +y:
// camera x → world x, camera y (down) → world −z, camera z → world +y.
const W = 64, H = 48;
function grid(depthAt: (u: number, v: number) => number, kept: (u: number, v: number) => boolean = () => true): LiftedView {
  const depth = new Float32Array(W * H), keep = new Uint8Array(W * H);
  for (let v = 0; v < H; v++)
    for (let u = 0; u < W; u++) {
      depth[v * W + u] = depthAt(u, v);
      keep[v * W + u] = kept(u, v) ? 1 : 0;
    }
  return { depth, keep, width: W, height: H, camera: { fx: 50, fy: 50, cx: 31.5, cy: 23.5 }, R: [1, 0, 0, 0, 0, 1, 0, -1, 0], T: [0, 0, 1.5], stored: { width: 128, height: 96 }, hasSupportPlane: false };
}
const item = (task: string, marks: Mark[], answer = '1'): QAItem => ({
  id: 'x',
  image: ['a.jpg', 'b.jpg'],
  task,
  question: 'q',
  answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks, evidence: {}, scene: '', generator: { name: 'spatial-lens', version: 't', seed: 0 } },
});
// stored (63.5, 47.5) is working (31.5, 23.5), the principal point; stored 113.5 is working 56.5, 25 px right of it
const red: Mark = { kind: 'point', color: 'red', uv: [63.5, 47.5] };
const blue: Mark = { kind: 'point', color: 'blue', uv: [113.5, 47.5] };
const close = (a: number[] | null, b: number[]) => {
  expect(a).not.toBeNull();
  a!.forEach((x, i) => expect(x).toBeCloseTo(b[i], 6));
};

describe('an imported item’s marks measured on its lifted photo', () => {
  const wall = grid(() => 2); // a wall 2 m ahead, square to the camera

  it('a point mark lands at its pixel on the depth under it', () => {
    // the principal point at 2 m: camera (0, 0, 2) → world (0, 2, 1.5); 25 px right: x = 25/50·2 = 1
    close(placeMark(red, wall).at, [0, 2, 1.5]);
    close(placeMark(blue, wall).at, [1, 2, 1.5]);
  });

  it('depth and distance questions are measured between the marks, named by colour', () => {
    const depth = markEvidence(item('depth_prediction_oc', [red, blue]), 0, wall);
    expect(depth.readings).toEqual(['red point: depth 2.00 m', 'blue point: depth 2.00 m']);
    expect(depth.points.map((p) => p.colour)).toEqual(['red', 'blue']);
    const dist = markEvidence(item('distance_prediction_oo', [red, blue]), 0, wall);
    expect(dist.readings).toEqual(['red point → blue point: 1.00 m']);
    // to the camera: √(1² + 2²) = 2.236
    const oc = markEvidence(item('distance_prediction_oc', [blue]), 0, wall);
    expect(oc.readings).toEqual(['blue point: 2.24 m from the camera']);
  });

  it('a mark on a dropped pixel takes the nearest ring of kept depth around it; none at all is said', () => {
    // a 5×5 hole of dropped pixels (holding a wrong depth) around the principal point
    const holed = grid(
      (u, v) => (Math.abs(u - 31.5) < 3 && Math.abs(v - 23.5) < 3 ? 9 : 2),
      (u, v) => !(Math.abs(u - 31.5) < 3 && Math.abs(v - 23.5) < 3),
    );
    expect(placeMark(red, holed).depth).toBe(2);
    close(placeMark(red, holed).at, [0, 2, 1.5]);
    const empty = grid(() => 2, (u) => u < 40); // nothing kept right of u = 40
    const e = markEvidence(item('distance_prediction_oo', [red, blue]), 0, empty);
    expect(e.readings).toEqual(['blue point: no depth under it on the lifted photo']);
    expect(e.segments).toEqual([]);
    expect(e.points).toHaveLength(1);
  });

  it('a box mark takes the median depth of its middle half (its rim is background) at its centre', () => {
    // an object 1 m away over working pixels 12–27, the wall at 4 m; the box spans working 4–35
    // (continuous 4 to 36, stored 8 to 72), so three quarters of it is wall and its middle half is object
    const scene = grid((u, v) => (u >= 12 && u < 28 && v >= 12 && v < 28 ? 1 : 4));
    const box: Mark = { kind: 'box', color: 'red', box: [8, 8, 72, 72] };
    const p = placeMark(box, scene);
    expect(p.depth).toBe(1);
    // centre (19.5, 19.5): camera ((19.5 − 31.5)/50, (19.5 − 23.5)/50, 1) = (−0.24, −0.08, 1)
    close(p.at, [-0.24, 1, 1.58]);
  });

  it('only the marks drawn on the lifted photo count; a relation is an arrow from the first to the last', () => {
    const onSecond: Mark = { ...blue, image: 1 };
    const g = markEvidence(item('obj_spatial_relation_oo_mv', [red, { ...blue, color: 'green' }, onSecond], 'left'), 0, wall);
    expect(g.placed).toHaveLength(2);
    expect(g.elsewhere).toBe(1);
    expect(g.readings).toEqual(['red point → green point: left']);
    expect(g.segments[0].arrow).toBe(true);
    close(g.segments[0].to, [1, 2, 1.5]);
    expect(markEvidence(item('depth_prediction_oc', [red, onSecond]), 1, wall).readings).toEqual(['blue point: depth 2.00 m']);
  });
});
