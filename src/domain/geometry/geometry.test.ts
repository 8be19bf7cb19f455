import { describe, expect, it } from 'vitest';
import { renderFloorScene } from '../../test/scenes';
import { focalPxFrom35mm, hfovDeg, intrinsicsFromHfov, intrinsicsProblems, scaleIntrinsics } from './camera';
import { applyScale, calibrationSet, depthFromAlignedDisparity, fitDisparityAffine, meanRatioScale, medianRatioScale } from './calibration';
import { classifyDepthGrid, depthEdgeMask, keepMask } from './organized';
import { attitudeFromRotation, gravityFromPlane, rotationFromAttitude } from './gravity';
import { mat3Column, mat3Mul, mat3MulVec, mat3Transpose, symmetricEigen3 } from './linalg';
import { measure } from './measure';
import { fitSupportPlane } from './planefit';
import { quantile } from './stats';
import { projectPoint, unproject } from './unproject';
import { bevPixel, renderBev } from './bev';
import { decimationIndices } from './decimate';

const deg = (r: number) => (r * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

describe('camera', () => {
  it('converts a 35 mm-equivalent focal through the diagonal', () => {
    // 4000x3000 image, 26 mm equivalent: f = 26 / 43.2666 * 5000 px
    expect(focalPxFrom35mm(26, 4000, 3000)).toBeCloseTo((26 / Math.sqrt(36 * 36 + 24 * 24)) * 5000, 6);
    expect(focalPxFrom35mm(26, 3000, 4000)).toBeCloseTo(focalPxFrom35mm(26, 4000, 3000), 9);
  });
  it('round-trips a horizontal field of view and centres the principal point on pixel centres', () => {
    const K = intrinsicsFromHfov(640, 480, 90);
    expect(K.fx).toBeCloseTo(320, 9);
    expect(K.cx).toBe(319.5);
    expect(K.cy).toBe(239.5);
    expect(hfovDeg(K, 640)).toBeCloseTo(90, 9);
  });
  it('names what is wrong with nonsense intrinsics', () => {
    expect(intrinsicsProblems({ fx: 525, fy: 525, cx: 319.5, cy: 239.5 }, 640, 480)).toEqual([]);
    const p = intrinsicsProblems({ fx: -1, fy: 525, cx: 900, cy: 239.5 }, 640, 480);
    expect(p.join(' ')).toMatch(/fx must be positive/);
    expect(p.join(' ')).toMatch(/cx = 900 lies outside/);
    expect(intrinsicsProblems({ fx: NaN, fy: 1, cx: 1, cy: 1 }, 10, 10)[0]).toMatch(/fx must be a finite number/);
  });
  it('scales intrinsics with pixel-centre convention', () => {
    const K = scaleIntrinsics({ fx: 500, fy: 500, cx: 319.5, cy: 239.5 }, 0.5, 0.5);
    expect(K).toEqual({ fx: 250, fy: 250, cx: 159.5, cy: 119.5 });
  });
});

describe('unproject', () => {
  it('maps a fronto-parallel plane at 2 m to the exact points', () => {
    const W = 8, H = 6, K = { fx: 10, fy: 12, cx: 3.5, cy: 2.5 };
    const depth = new Float32Array(W * H).fill(2);
    depth[0] = 0; // invalid
    depth[1] = NaN; // invalid
    const cloud = unproject(depth, W, H, K);
    expect(cloud.count).toBe(W * H - 2);
    for (let k = 0; k < cloud.count; k++) {
      const i = cloud.pixel[k], u = i % W, v = Math.floor(i / W);
      expect(cloud.xyz[k * 3]).toBeCloseTo(((u - 3.5) / 10) * 2, 6);
      expect(cloud.xyz[k * 3 + 1]).toBeCloseTo(((v - 2.5) / 12) * 2, 6);
      expect(cloud.xyz[k * 3 + 2]).toBe(2);
      const back = projectPoint([cloud.xyz[k * 3], cloud.xyz[k * 3 + 1], cloud.xyz[k * 3 + 2]], K)!;
      expect(back[0]).toBeCloseTo(u, 4);
      expect(back[1]).toBeCloseTo(v, 4);
    }
  });
});

describe('scale calibration', () => {
  const n = 1000;
  const rel = new Float32Array(n), met = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    rel[i] = 0.5 + (i % 97) / 50;
    met[i] = 2.7 * rel[i];
  }
  it('eq. 1 recovers a known scale and eq. 2 applies it', () => {
    const V = calibrationSet(rel, met);
    expect(meanRatioScale(rel, met, V)).toBeCloseTo(2.7, 5);
    const sc = applyScale(rel, 2.7, V);
    expect(sc[10]).toBeCloseTo(met[10], 5);
  });
  it('the median variant ignores gross outliers that bias the mean', () => {
    const bad = met.slice();
    for (let i = 0; i < n; i += 10) bad[i] = 80; // 10 % sky-like garbage
    const V = calibrationSet(rel, bad);
    expect(medianRatioScale(rel, bad, V)).toBeCloseTo(2.7, 4);
    expect(Math.abs(meanRatioScale(rel, bad, V) - 2.7)).toBeGreaterThan(1);
  });
  it('excludes invalid pixels from V', () => {
    const r = Float32Array.from([1, 2, NaN, 4]), m = Float32Array.from([3, 6, 9, 0]);
    expect(Array.from(calibrationSet(r, m))).toEqual([1, 1, 0, 0]);
    expect(meanRatioScale(r, m, calibrationSet(r, m))).toBeCloseTo(3, 9);
  });
  it('disparity alignment recovers a known affine despite outliers', () => {
    // true depth z, model disparity = (1/z − b) / a with a = 0.02, b = 0.05
    const a = 0.02, b = 0.05;
    const disp = new Float32Array(n), depth = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      depth[i] = 0.8 + (i % 113) / 20;
      disp[i] = (1 / depth[i] - b) / a;
    }
    for (let i = 0; i < n; i += 25) depth[i] = 40; // wrong metric pixels
    const fit = fitDisparityAffine(disp, depth, calibrationSet(disp, depth));
    expect(fit.a).toBeCloseTo(a, 6);
    expect(fit.b).toBeCloseTo(b, 6);
    expect(fit.inliers).toBe(n - n / 25);
    const out = depthFromAlignedDisparity(disp, fit.a, fit.b);
    expect(out[1]).toBeCloseTo(0.8 + 1 / 20, 4);
  });
});

describe('depth edges', () => {
  it('a step edge loses its flying pixels and keeps both surfaces', () => {
    const W = 20, H = 5;
    const depth = new Float32Array(W * H);
    for (let v = 0; v < H; v++)
      for (let u = 0; u < W; u++) depth[v * W + u] = u < 9 ? 1 : u === 9 ? 1.33 : u === 10 ? 1.66 : 2;
    const edge = depthEdgeMask(depth, W, H, 0.04);
    for (let v = 0; v < H; v++) {
      expect(edge[v * W + 9]).toBe(1);
      expect(edge[v * W + 10]).toBe(1);
      for (let u = 0; u < 8; u++) expect(edge[v * W + u]).toBe(0);
      for (let u = 12; u < W; u++) expect(edge[v * W + u]).toBe(0);
    }
  });
  it('keeps a steep but smooth floor', () => {
    const K = { fx: 500, fy: 500, cx: 159.5, cy: 119.5 };
    const depth = renderFloorScene(320, 240, K, { roll: 0, pitch: rad(30) }, 1.5);
    const edge = depthEdgeMask(depth, 320, 240, 0.04);
    // Near the horizon each row jumps by ~1/(rows below horizon) of its depth, so the far grazing
    // floor is dropped (as MoGe's depth-edge test does); the floor within 4 m must all stay.
    let near = 0, nearEdges = 0;
    for (let i = 0; i < edge.length; i++) {
      if (depth[i] > 0 && depth[i] < 4) {
        near++;
        nearEdges += edge[i];
      }
    }
    expect(near).toBeGreaterThan(20000);
    expect(nearEdges).toBe(0);
  });
});

describe('statistical outliers', () => {
  it('flags isolated spikes and keeps a clean surface', () => {
    const W = 40, H = 30, K = { fx: 50, fy: 50, cx: 19.5, cy: 14.5 };
    const depth = new Float32Array(W * H).fill(3);
    depth[5 * W + 5] = 1.5; // a spike: far from all its neighbours
    depth[20 * W + 30] = 6;
    // the spikes are discontinuities too: turn the edge test off to see the outlier test alone
    const c = classifyDepthGrid(depth, W, H, { rtol: Infinity });
    const keep = keepMask(c);
    let kept = 0;
    for (let i = 0; i < keep.length; i++) kept += keep[i];
    const outliers = c.candidates - kept;
    const flagged = [];
    for (let i = 0; i < W * H; i++) if (!keep[i]) flagged.push(i);
    expect(outliers).toBe(flagged.length);
    expect(flagged).toContain(5 * W + 5);
    expect(flagged).toContain(20 * W + 30);
    expect(flagged.length).toBe(2);
  });
});

describe('support plane and gravity', () => {
  const W = 320, H = 240, K = { fx: 260, fy: 260, cx: 159.5, cy: 119.5 };
  const cases = [
    { roll: 0, pitch: 0, h: 1.2 },
    { roll: rad(4), pitch: rad(25), h: 1.4 },
    { roll: rad(-8), pitch: rad(40), h: 0.9 },
  ];
  for (const c of cases) {
    it(`recovers roll ${deg(c.roll).toFixed(0)}°, pitch ${deg(c.pitch).toFixed(0)}°, height ${c.h} m within 0.5° and 1 cm`, () => {
      const boxes = [
        { min: [-0.6, 2, 0] as [number, number, number], max: [0.2, 2.6, 0.7] as [number, number, number] },
        { min: [0.5, 3, 0] as [number, number, number], max: [1.2, 3.4, 1.1] as [number, number, number] },
      ];
      const depth = renderFloorScene(W, H, K, { roll: c.roll, pitch: c.pitch }, c.h, boxes, 0.003);
      const cloud = unproject(depth, W, H, K);
      const fit = fitSupportPlane(cloud.xyz, cloud.count)!;
      expect(fit).not.toBeNull();
      const g = gravityFromPlane(fit.plane);
      expect(Math.abs(deg(g.attitude.roll - c.roll))).toBeLessThan(0.5);
      expect(Math.abs(deg(g.attitude.pitch - c.pitch))).toBeLessThan(0.5);
      expect(Math.abs(g.height - c.h)).toBeLessThan(0.01);
      expect(fit.rms).toBeLessThan(0.006);
    });
  }
  it('returns null when no plane faces up', () => {
    // a wall straight ahead: normal along the optical axis
    const depth = new Float32Array(W * H).fill(3);
    const cloud = unproject(depth, W, H, K);
    expect(fitSupportPlane(cloud.xyz, cloud.count)).toBeNull();
  });
  it('attitude ↔ rotation are inverse and follow the documented signs', () => {
    const R = rotationFromAttitude({ roll: rad(10), pitch: rad(30) });
    const I = mat3Mul(R, mat3Transpose(R));
    for (let i = 0; i < 9; i++) expect(I[i]).toBeCloseTo(i % 4 === 0 ? 1 : 0, 12);
    const back = attitudeFromRotation(R);
    expect(deg(back.roll)).toBeCloseTo(10, 9);
    expect(deg(back.pitch)).toBeCloseTo(30, 9);
    expect(mat3Column(R, 2)[2]).toBeLessThan(0); // looking down: forward has negative z
    expect(mat3Column(R, 0)[2]).toBeLessThan(0); // rolled clockwise: right side goes down
    // Level camera: the rotation of docs/formats.md's example scene.
    const L = rotationFromAttitude({ roll: 0, pitch: 0 });
    L.forEach((x, i) => expect(x).toBeCloseTo([1, 0, 0, 0, 0, 1, 0, -1, 0][i], 15));
    mat3MulVec(L, [0, 0, 1]).forEach((x, i) => expect(x).toBeCloseTo([0, 1, 0][i], 15));
  });
});

describe('linear algebra and statistics', () => {
  it('eigen-decomposes a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen3([2, 1, 0, 1, 2, 0, 0, 0, 5]);
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[1]).toBeCloseTo(3, 12);
    expect(values[2]).toBeCloseTo(5, 12);
    expect(Math.abs(vectors[0][0] * Math.SQRT1_2 - vectors[0][1] * Math.SQRT1_2)).toBeCloseTo(1, 9);
  });
  it('quantile by nearest rank', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(quantile([5, 1, 4, 2, 3], 1)).toBe(5);
    expect(quantile(Float32Array.from([3, 3, 3, 3]), 0.5)).toBe(3);
  });
  it('measures distance with its horizontal and vertical parts', () => {
    expect(measure([0, 0, 0], [3, 4, 12])).toEqual({ distance: 13, horizontal: 5, vertical: 12 });
  });
});

describe('bird’s-eye view', () => {
  it('draws the topmost point of each cell and leaves empty cells blank', () => {
    // a red 1 m × 1 m floor sampled every 1 cm, one green point 1 m up at its centre
    const pts: number[] = [], cols: number[] = [];
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++) {
        pts.push(i / 100, j / 100, 0);
        cols.push(255, 0, 0);
      }
    pts.push(0.505, 0.505, 1);
    cols.push(0, 255, 0);
    const bev = renderBev(Float32Array.from(pts), Uint8Array.from(cols), pts.length / 3, { maxSize: 64, include: [[0.5, -1]] });
    const cellOf = (x: number, y: number) => {
      const [c, r] = bevPixel(bev, x, y).map(Math.floor);
      return (r * bev.width + c) * 4;
    };
    expect(Array.from(bev.rgba.slice(cellOf(0.505, 0.505), cellOf(0.505, 0.505) + 4))).toEqual([0, 255, 0, 255]); // z = 1 wins
    expect(Array.from(bev.rgba.slice(cellOf(0.2, 0.7), cellOf(0.2, 0.7) + 4))).toEqual([255, 0, 0, 255]);
    // the camera at (0.5, −1) is inside the raster, in the blank area below the floor
    const [cc, cr] = bevPixel(bev, 0.5, -1);
    expect(cc).toBeGreaterThan(0);
    expect(cr).toBeLessThan(bev.height);
    expect(bev.rgba[cellOf(0.5, -0.5) + 3]).toBe(0);
    expect(bevPixel(bev, 1, 1)[1]).toBeLessThan(bevPixel(bev, 0, 0)[1]); // +y is up the raster
  });
});

describe('decimation', () => {
  it('keeps at most the budget, in order, without repeats', () => {
    const idx = decimationIndices(1_000_000, 300_000);
    expect(idx.length).toBe(300_000);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
    expect(decimationIndices(10, 300).length).toBe(10);
  });
});
