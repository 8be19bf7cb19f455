import { describe, expect, it } from 'vitest';
import { renderFloorScene } from '../../test/scenes';
import { intrinsicsFromHfov } from '../geometry/camera';
import { type LiftJobInput, refocus, relift, runLiftJob } from './job';

const W = 160, H = 120;
const K = intrinsicsFromHfov(W, H, 70);
const depth = renderFloorScene(W, H, K, { roll: 0, pitch: 0.3 }, 1.3);
const rgba = { width: W, height: H, data: new Uint8Array(W * H * 4) };
const input = (map: { width: number; height: number; data: Float32Array }, extra: Partial<LiftJobInput> = {}): LiftJobInput => ({
  id: 't',
  image: rgba,
  imageFile: 't.png',
  storedSize: { width: W, height: H },
  intrinsicsJson: { name: 'K.json', text: JSON.stringify(K) },
  depthMap: { map: { ...map, valid: 1 }, name: 'd.png', scale: { unitsPerMetre: 1000, source: 'default' } },
  models: {},
  ...extra,
});

describe('runLiftJob with a dataset depth map', () => {
  it('refuses a depth map of another aspect ratio, naming both sizes', async () => {
    await expect(runLiftJob(input({ width: 100, height: 100, data: new Float32Array(10000).fill(1) }), null)).rejects.toThrow(
      /The depth map d.png is 100×100 but the photo is 160×120/,
    );
  });
  it('resamples a depth map of the same aspect at another size, and says so', async () => {
    const half = new Float32Array((W / 2) * (H / 2));
    for (let y = 0; y < H / 2; y++) for (let x = 0; x < W / 2; x++) half[y * (W / 2) + x] = depth[2 * y * W + 2 * x];
    const r = await runLiftJob(input({ width: W / 2, height: H / 2, data: half }), null);
    expect(r.notes.join(' ')).toMatch(/depth map 80×60 resampled to the photo/);
    expect(Math.abs(r.lift.frame.height - 1.3)).toBeLessThan(0.03);
  });
  it('keeps stored-resolution intrinsics in the scene when lifting a downscaled working image', async () => {
    const r = await runLiftJob(input({ width: W, height: H, data: depth }, { storedSize: { width: 2 * W, height: 2 * H }, intrinsicsJson: { name: 'K.json', text: JSON.stringify({ fx: 2 * K.fx, fy: 2 * K.fy, cx: 2 * K.cx + 0.5, cy: 2 * K.cy + 0.5 }) } }), null).catch((e) => e);
    // a depth map must match the stored photo: 160×120 for a 320×240 photo is resampled, not refused
    expect(r.lift.scene.image).toMatchObject({ width: 2 * W, height: 2 * H });
    expect(r.lift.scene.camera.fx).toBeCloseTo(2 * K.fx, 6);
    expect(r.lift.scene.lift.workingSize).toEqual([W, H]);
    expect(r.notes.join(' ')).toMatch(/lifted at 160×120, downscaled from 320×240/);
  });
});

describe('refocus', () => {
  it("scales Metric3D's depth with the focal it was computed for, and leaves other depth alone", () => {
    const d = Float32Array.from([1, 2]);
    const r = refocus({ kind: 'metric', depth: d, source: 'm3d', focal: 500 }, 600);
    expect(r.kind === 'metric' && Array.from(r.depth)).toEqual([1.2, 2.4].map((x) => Math.fround(x)));
    expect(refocus({ kind: 'metric', depth: d, source: 'dataset' }, 600)).toMatchObject({ depth: d });
  });
});

describe('intrinsics carried over from earlier photos', () => {
  const carried = { K: { fx: 2 * K.fx, fy: 2 * K.fy, cx: 2 * K.cx + 0.5, cy: 2 * K.cy + 0.5 }, width: 2 * W, height: 2 * H };
  it('are used, rescaled, when the photo brings no intrinsics file, and say where they came from', async () => {
    const r = await runLiftJob(input({ width: W, height: H, data: depth }, { intrinsicsJson: undefined, carriedCamera: carried }), null);
    expect(r.camera.source).toBe('manual');
    expect(r.camera.detail).toBe(`carried over from earlier photos, as you asked (rescaled from ${2 * W}×${2 * H})`);
    expect(r.camera.fx).toBeCloseTo(K.fx, 9);
    expect(r.camera.cx).toBeCloseTo(K.cx, 9);
    expect(Math.abs(r.lift.frame.height - 1.3)).toBeLessThan(0.03);
  });
  it("give way to the photo's own intrinsics file, and are not used for a photo of another aspect", async () => {
    const own = await runLiftJob(input({ width: W, height: H, data: depth }, { carriedCamera: { ...carried, K: { fx: 100, fy: 100, cx: 10, cy: 10 } } }), null);
    expect(own.camera.source).toBe('dataset');
    const other = await runLiftJob(input({ width: W, height: H, data: depth }, { intrinsicsJson: undefined, carriedCamera: { ...carried, height: W } }), null);
    expect(other.camera.source).toBe('default-fov');
    expect(other.notes.join(' ')).toMatch(new RegExp(`intrinsics carried over from earlier photos not used: they are for a ${2 * W}×${W} image, this one is ${W}×${H}`));
  });
});

describe('the plausibility check after every lift', () => {
  it('is recorded in the scene with the depth scale and its source', async () => {
    // a floor seen from 1.3 m, looking down: nothing at the top of the image, but no street either
    const r = await runLiftJob(input({ width: W, height: H, data: depth }), null);
    expect(r.lift.plausibility.kind).toBe('indoor');
    expect(r.lift.scene.lift).toMatchObject({ depthScale: { unitsPerMetre: 1000, source: 'default' }, sceneKind: { kind: 'indoor', source: 'inferred' }, warnings: [] });
  });
  it('is run again on a relift, with the scene kind the user set', async () => {
    const r = await runLiftJob(input({ width: W, height: H, data: depth }), null);
    const again = relift({ ...input({ width: W, height: H, data: depth }), sceneKind: 'tabletop' }, r.estimate, r.camera);
    // a camera 1.3 m above a floor is no tabletop camera (0.1–1.2 m) but not twice beyond it either:
    // the whole floor scene is what decides
    expect(again.plausibility.kindSource).toBe('user');
    expect(again.scene.lift?.sceneKind).toEqual({ kind: 'tabletop', source: 'user' });
    expect(again.scene.lift?.warnings).toEqual(again.plausibility.warnings.map((w) => w.message));
  });
});
