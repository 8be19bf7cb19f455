import { describe, expect, it } from 'vitest';
import { renderFloorScene } from '../../test/scenes';
import { intrinsicsFromHfov } from '../geometry/camera';
import { frameFromAttitude } from '../geometry/gravity';
import { type LiftInput, calibrateDepth, liftImage, reframeCloud } from './pipeline';

const rad = (d: number) => (d * Math.PI) / 180;
const W = 320, H = 240;
const K = intrinsicsFromHfov(W, H, 70);
const truth = { roll: rad(3), pitch: rad(22), h: 1.35 };
const boxes = [{ min: [-0.4, 2.2, 0] as [number, number, number], max: [0.3, 2.9, 0.8] as [number, number, number] }];
const metric = renderFloorScene(W, H, K, { roll: truth.roll, pitch: truth.pitch }, truth.h, boxes, 0.002);

function input(depth: LiftInput['depth']): LiftInput {
  return {
    id: 'synthetic',
    image: { file: 'synthetic.png', width: W, height: H },
    rgba: new Uint8Array(W * H * 4).fill(128),
    camera: { ...K, source: 'manual' },
    depth,
  };
}

function floorStats(xyz: Float32Array, count: number) {
  // points whose true surface is the floor: everything below 5 cm
  let n = 0, sz = 0, szz = 0;
  for (let i = 0; i < count; i++) {
    const z = xyz[i * 3 + 2];
    if (Math.abs(z) < 0.05) {
      n++;
      sz += z;
      szz += z * z;
    }
  }
  return { n, mean: sz / n, rms: Math.sqrt(szz / n) };
}

describe('liftImage', () => {
  it('lifts metric depth to a z-up cloud with the floor at z = 0 and the camera at its height', () => {
    const r = liftImage(input({ kind: 'metric', depth: metric, source: 'dataset' }));
    expect(r.gravitySource).toBe('plane-fit');
    expect(Math.abs(r.frame.height - truth.h)).toBeLessThan(0.01);
    expect(Math.abs(r.frame.attitude.pitch - truth.pitch)).toBeLessThan(rad(0.5));
    const f = floorStats(r.cloud.xyz, r.cloud.count);
    expect(f.n).toBeGreaterThan(0.5 * r.cloud.count);
    expect(f.rms).toBeLessThan(0.005);
    // The box top (0.8 m) comes out at 0.8 m.
    let top = 0;
    for (let i = 0; i < r.cloud.count; i++) top = Math.max(top, r.cloud.xyz[i * 3 + 2]);
    expect(top).toBeGreaterThan(0.78);
    expect(top).toBeLessThan(0.82);
    expect(r.scene.schema).toBe('spatial-lens/scene@1');
    expect(r.scene.worldFromCamera[2][3]).toBeCloseTo(r.frame.height, 9);
    expect(r.scene.gravity.supportPlane![2]).toBeCloseTo(1, 6);
    expect(r.scene.gravity.supportPlane![3]).toBeCloseTo(0, 6);
    expect(r.scene.depth.calibration).toBe('none');
    expect(r.scene.points.count).toBe(r.cloud.count);
  });

  it('aligns a disparity map to a coarse metric map in disparity space', () => {
    // model disparity = (1/z − b)/a; the metric map is right on average but blurred by 5 % noise
    const a = 0.05, b = 0.02;
    const disp = new Float32Array(W * H), coarse = new Float32Array(W * H);
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let i = 0; i < W * H; i++) {
      const z = metric[i];
      disp[i] = z > 0 ? (1 / z - b) / a : 0;
      coarse[i] = z > 0 ? z * (1 + 0.05 * rnd()) : 0;
    }
    const cal = calibrateDepth({ kind: 'relative-disparity', disparity: disp, source: 'model:dav2', metric: { depth: coarse, source: 'model:m3d' } });
    expect(cal.method).toBe('disparity-affine');
    expect(cal.affine!.a).toBeCloseTo(a, 2);
    let worst = 0;
    for (let i = 0; i < W * H; i++) if (metric[i] > 0 && metric[i] < 6) worst = Math.max(worst, Math.abs(cal.depth[i] - metric[i]) / metric[i]);
    expect(worst).toBeLessThan(0.02);
  });

  it('scales relative depth by eq. 1 against a metric map', () => {
    const rel = new Float32Array(W * H);
    for (let i = 0; i < W * H; i++) rel[i] = metric[i] / 3.2;
    const r = liftImage(input({ kind: 'relative-depth', depth: rel, source: 'model:moge', metric: { depth: metric, source: 'model:m3d' } }));
    expect(r.scene.depth.calibration).toBe('mean-ratio');
    expect(r.scene.depth.scale).toBeCloseTo(3.2, 4);
    expect(Math.abs(r.frame.height - truth.h)).toBeLessThan(0.01);
  });

  it('without a metric reference, takes the scale from the assumed camera height and says so', () => {
    const rel = new Float32Array(W * H);
    for (let i = 0; i < W * H; i++) rel[i] = metric[i] * 0.37;
    const r = liftImage({ ...input({ kind: 'relative-depth', depth: rel, source: 'model:moge' }), options: { assumedCameraHeight: 1.35 } });
    expect(r.scene.depth.calibration).toBe('camera-height');
    expect(r.scene.depth.scale).toBeCloseTo(1 / 0.37, 2);
    expect(r.frame.height).toBeCloseTo(1.35, 9);
    const f = floorStats(r.cloud.xyz, r.cloud.count);
    expect(f.rms).toBeLessThan(0.005);
  });

  it('applies roll, pitch and height overrides and can move a cloud between frames', () => {
    const r = liftImage({ ...input({ kind: 'metric', depth: metric, source: 'dataset' }), options: { gravity: { pitch: 0, roll: 0, cameraHeight: 2 } } });
    expect(r.gravitySource).toBe('manual');
    expect(r.scene.worldFromCamera[2][3]).toBe(2);
    const ref = liftImage(input({ kind: 'metric', depth: metric, source: 'dataset' }));
    const moved = r.cloud.xyz.slice();
    reframeCloud(moved, r.cloud.count, r.frame, ref.frame);
    for (let i = 0; i < 300; i += 3) expect(moved[i + 2]).toBeCloseTo(ref.cloud.xyz[i + 2], 4);
  });

  it('refuses a scene without any valid point with a clear message', () => {
    expect(() => liftImage(input({ kind: 'metric', depth: new Float32Array(W * H), source: 'dataset' }))).toThrow(/No valid 3D point/);
  });

  it('drops flying pixels at the box silhouette', () => {
    const withFlying = metric.slice();
    // blend the box and floor across its left silhouette, as sensors and networks do
    let added = 0;
    for (let v = 0; v < H; v++)
      for (let u = 1; u < W - 1; u++) {
        const i = v * W + u;
        if (metric[i] > 0 && metric[i + 1] > 0 && metric[i + 1] < metric[i] * 0.8) {
          withFlying[i] = (metric[i] + metric[i + 1]) / 2;
          added++;
        }
      }
    expect(added).toBeGreaterThan(20);
    const r = liftImage(input({ kind: 'metric', depth: withFlying, source: 'dataset' }));
    const kept = new Set(Array.from(r.cloud.pixel));
    let survivors = 0;
    for (let v = 0; v < H; v++)
      for (let u = 1; u < W - 1; u++) {
        const i = v * W + u;
        if (withFlying[i] !== metric[i] && kept.has(i)) survivors++;
      }
    expect(survivors).toBe(0);
  });
});

describe('frames', () => {
  it('frameFromAttitude puts the camera at its height', () => {
    expect(frameFromAttitude({ roll: 0, pitch: 0 }, 1.5).T).toEqual([0, 0, 1.5]);
  });
});
