// Lifting real RGB-D frames from ../shared/data with their own depth and intrinsics.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDepthPng } from '../formats/depthPng';
import { parseIntrinsicsJson } from '../formats/intrinsicsJson';
import type { Intrinsics } from '../geometry/camera';
import { symmetricEigen3 } from '../geometry/linalg';
import { measure } from '../geometry/measure';
import { type LiftResult, liftImage, pixelToWorld } from './pipeline';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');

function lift(depthFile: string, K: Intrinsics): LiftResult {
  const d = decodeDepthPng(new Uint8Array(fs.readFileSync(`${DATA}/${depthFile}`)), 1000);
  return liftImage({
    id: path.basename(depthFile, '.png'),
    image: { file: depthFile, width: d.width, height: d.height },
    rgba: new Uint8Array(d.width * d.height * 4),
    camera: { ...K, source: 'dataset' },
    depth: { kind: 'metric', depth: d.data, source: 'dataset' },
  });
}

/** World points of the kept pixels inside an image rectangle. */
function region(r: LiftResult, u0: number, v0: number, u1: number, v1: number): number[][] {
  const pts: number[][] = [];
  for (let k = 0; k < r.cloud.count; k++) {
    const p = r.cloud.pixel[k], u = p % r.width, v = Math.floor(p / r.width);
    if (u >= u0 && u < u1 && v >= v0 && v < v1) pts.push([r.cloud.xyz[k * 3], r.cloud.xyz[k * 3 + 1], r.cloud.xyz[k * 3 + 2]]);
  }
  return pts;
}

/** Least-squares plane normal (smallest principal axis) of points. */
function normalOf(pts: number[][]): number[] {
  const c = [0, 1, 2].map((a) => pts.reduce((s, p) => s + p[a], 0) / pts.length);
  const cov = new Array(9).fill(0);
  for (const p of pts) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) cov[i * 3 + j] += ((p[i] - c[i]) * (p[j] - c[j])) / pts.length;
  return symmetricEigen3(cov).vectors[0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('Open3D living-room frame (rendered, MIT)', () => {
  const K = parseIntrinsicsJson(fs.readFileSync(`${DATA}/open3d_redwood/camera_primesense.json`, 'utf8'), 640, 480).K;
  const r = lift('open3d_redwood/depth/00000.png', K);

  it('finds the floor: flat (RMS under 1 cm) and at z = 0', () => {
    expect(r.gravitySource).toBe('plane-fit');
    expect(r.plane!.rms).toBeLessThan(0.01);
    const floor = region(r, 250, 400, 600, 470).map((p) => p[2]);
    expect(Math.abs(median(floor))).toBeLessThan(0.005);
  });

  it('is level: the wall behind the chair comes out vertical within 1°', () => {
    const n = normalOf(region(r, 300, 20, 560, 110));
    expect(Math.abs(n[2])).toBeLessThan(Math.sin((1 * Math.PI) / 180));
  });
});

describe('NYU Depth V2 frame 00000 (Kinect)', () => {
  const K = { fx: 518.8579, fy: 519.46961, cx: 325.58245, cy: 253.73617 };
  const r = lift('nyu/depth/sync_depth_00000.png', K);

  it('finds a flat, level floor despite sensor noise', () => {
    expect(r.plane!.rms).toBeLessThan(0.025);
    const floor = region(r, 100, 380, 300, 460);
    expect(Math.abs(median(floor.map((p) => p[2])))).toBeLessThan(0.02);
    expect(Math.abs(normalOf(floor)[2])).toBeGreaterThan(Math.cos((2 * Math.PI) / 180));
  });

  it('puts the dining-table top at table height (standard 0.72–0.78 m)', () => {
    const top = region(r, 455, 180, 575, 188).map((p) => p[2]);
    expect(top.length).toBeGreaterThan(300);
    const h = median(top);
    expect(h).toBeGreaterThan(0.7);
    expect(h).toBeLessThan(0.8);
  });

  it('measures the range to the centre pixel as computed by hand', () => {
    // centre pixel (320, 240) reads 3015 mm (shared/data/README.md). By hand:
    // x = (320 − 325.58245) / 518.8579 · 3.015 = −0.032438, y = (240 − 253.73617) / 519.46961 · 3.015 = −0.079725,
    // range = √(0.032438² + 0.079725² + 3.015²) = 3.016228 m
    const p = pixelToWorld(r, K, 320, 240)!;
    const camera = [r.frame.T[0], r.frame.T[1], r.frame.T[2]] as [number, number, number];
    expect(measure(camera, p).distance).toBeCloseTo(3.016228, 4);
  });
});
