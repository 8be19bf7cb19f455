import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDepthPng } from '../formats/depthPng';
import { liftImage } from '../lifting/pipeline';
import { TABLETOP, liftObjectScene } from '../../test/objectScenes';
import { iou3d } from '../geometry/obb';
import { liftAnnotation } from './liftObject';
import type { LiftedView } from '../scene/liftedView';
import { type BoxGrid, edgeCells, separateObject } from './separate';

/** A cols × rows grid with depth from a function (NaN = no point) and the middle half central. */
function grid(cols: number, rows: number, depth: (c: number, r: number) => number, focal = 500): BoxGrid {
  const z = new Float64Array(cols * rows), central = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      z[r * cols + c] = depth(c, r);
      central[r * cols + c] = c > cols / 4 && c < (3 * cols) / 4 && r > rows / 4 && r < (3 * rows) / 4 ? 1 : 0;
    }
  return { cols, rows, z, central, step: 1, focal };
}
const count = (k: Uint8Array) => k.reduce((s, x) => s + x, 0);

describe('cutting a box-only object from what lies behind it', () => {
  it('keeps a front surface and drops the wall 0.4 m behind it, across a jump smeared over 3 pixels', () => {
    // object: columns 20–79 at 2.0 m; wall elsewhere at 2.4 m; columns 17–19 and 80–82 ramp between
    const g = grid(100, 60, (c) => (c >= 20 && c < 80 ? 2 : c >= 17 && c < 20 ? 2.4 - (0.4 * (c - 16)) / 4 : c >= 80 && c < 83 ? 2 + (0.4 * (c - 79)) / 4 : 2.4));
    const s = separateObject(g);
    expect(s.separated).toBe(true);
    for (let r = 0; r < 60; r++) {
      for (let c = 22; c < 78; c++) expect(s.keep[r * 100 + c]).toBe(1);
      for (const c of [0, 10, 16, 84, 99]) expect(s.keep[r * 100 + c]).toBe(0);
    }
    // the mixed pixels at the object's own depth may join it, nothing at the wall's depth does
    for (let k = 0; k < 6000; k++) if (s.keep[k]) expect(g.z[k]).toBeLessThan(2.2);
  });

  it('keeps a continuous slanted surface whole (2 → 3 m across 100 pixels, about 60° from head-on)', () => {
    const g = grid(100, 40, (c) => 2 + c / 100);
    expect(count(edgeCells(g))).toBe(0);
    const s = separateObject(g);
    expect(s.kept).toBe(4000);
    expect(s.separated).toBe(false);
  });

  it('drops an occluder in front at the box edge and keeps pieces of the object cut off by sensor holes', () => {
    // object at 3 m with a hole row at 30 cutting off its top; a post at 1.5 m on the left edge
    const g = grid(80, 60, (c, r) => (r === 30 ? NaN : c < 10 ? 1.5 : 3 + 0.001 * r));
    const s = separateObject(g);
    for (let r = 0; r < 60; r++)
      for (let c = 0; c < 80; c++) {
        const k = r * 80 + c;
        if (r === 30) continue;
        expect(s.keep[k]).toBe(c < 10 ? 0 : c < 12 ? s.keep[k] : 1);
      }
  });

  it('lifts the analytic tabletop scene from boxes alone better than without the cut', () => {
    const { ctx, annotations } = liftObjectScene(640, 480, TABLETOP, false);
    const mean = (separate: boolean) => annotations.reduce((s, a, k) => s + iou3d(liftAnnotation(a, ctx, { separate }).box3d!, TABLETOP[k].box), 0) / annotations.length;
    const before = mean(false), after = mean(true);
    expect(after).toBeGreaterThan(before + 0.01);
    expect(after).toBeGreaterThan(0.8);
  });
});

describe('box-only lifting on the NYU frame 0 (Kinect depth, hand-drawn boxes)', () => {
  const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
  const K = { fx: 518.8579, fy: 519.46961, cx: 325.58245, cy: 253.73617 };
  const d = decodeDepthPng(new Uint8Array(fs.readFileSync(`${DATA}/nyu/depth/sync_depth_00000.png`)), 1000);
  const lift = liftImage({ id: 'nyu0', image: { file: 'rgb_00000.jpg', width: d.width, height: d.height }, rgba: new Uint8Array(d.width * d.height * 4), camera: { ...K, source: 'dataset' }, depth: { kind: 'metric', depth: d.data, source: 'dataset' } });
  const ctx: LiftedView = { depth: lift.depth, keep: lift.keep, width: lift.width, height: lift.height, camera: K, R: lift.frame.R, T: lift.frame.T, stored: { width: d.width, height: d.height }, hasSupportPlane: true };
  const longer = (bbox: [number, number, number, number], separate: boolean) => {
    const s = liftAnnotation({ id: 'x', category: 'chair', bbox, source: 'drawn' }, ctx, { separate }).box3d!.size;
    return Math.max(s[0], s[1]);
  };

  it('a chair in front of the table no longer takes the table with it (1.03 m long before)', () => {
    // dining chairs are 0.4–0.6 m deep and wide
    expect(longer([466, 168, 42, 88], false)).toBeGreaterThan(0.9);
    expect(longer([466, 168, 42, 88], true)).toBeLessThan(0.65);
  });

  it('the storage bin at the bottom left leaves the shelf behind it (1.05 m before)', () => {
    expect(longer([64, 300, 86, 86], false)).toBeGreaterThan(0.9);
    expect(longer([64, 300, 86, 86], true)).toBeLessThan(0.75);
  });
});
