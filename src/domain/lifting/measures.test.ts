import { describe, expect, it } from 'vitest';
import { renderFloorScene } from '../../test/scenes';
import { intrinsicsFromHfov } from '../geometry/camera';
import { measureLift } from './measures';
import { liftImage } from './pipeline';

const lift = (depth: Float32Array, W: number, H: number, K: { fx: number; fy: number; cx: number; cy: number }, kind: 'metric' | 'relative-depth' = 'metric') =>
  liftImage({ id: 't', image: { file: 't.png', width: W, height: H }, rgba: new Uint8Array(W * H * 4), camera: { ...K, source: 'dataset' }, depth: { kind, depth, source: 't' } as never });

describe('measureLift', () => {
  it('a wall 3 m ahead filling the view: median depth 3, extent 90 % of its width, no support plane', () => {
    const W = 200, H = 100, K = { fx: 100, fy: 100, cx: 99.5, cy: 49.5 };
    const m = measureLift(lift(new Float32Array(W * H).fill(3), W, H, K));
    expect(m.cameraHeight).toBeNull();
    expect(m.medianDepth).toBeCloseTo(3, 5);
    // x = (u − 99.5)/100 · 3 over u = 0…199: from −2.985 to 2.985, uniform; the 5–95 % span is 0.9 of 5.97
    expect(m.extent / (0.9 * 5.97) - 1).toBeLessThan(0.02);
    expect(m.extent / (0.9 * 5.97) - 1).toBeGreaterThan(-0.02);
    expect(m.topValid).toBe(1);
    expect(m.restValid).toBe(1);
  });

  it('a floor seen from 1.3 m: the camera height above it; none when the height was assumed to fix the scale', () => {
    const W = 160, H = 120, K = intrinsicsFromHfov(W, H, 70);
    const depth = renderFloorScene(W, H, K, { roll: 0, pitch: 0.3 }, 1.3);
    const m = measureLift(lift(depth, W, H, K));
    expect(m.cameraHeight!).toBeCloseTo(1.3, 2);
    // pitched 17° down with a 55° vertical field of view, rows 0–23 look above the horizon
    expect(m.topValid).toBe(0);
    expect(m.restValid).toBeGreaterThan(0.9);
    expect(measureLift(lift(depth, W, H, K, 'relative-depth')).cameraHeight).toBeNull();
  });
});
