// Model-family adapters run through the same OrtRunner the app uses, on onnxruntime-node, against
// tiny generated models with the real exports' inputs and outputs (scripts/testModels.ts).
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { TEST_MODELS, TEST_MODELS_DIR } from '../../../scripts/testModels';
import type { RGBAImage } from '../../domain/image/resample';
import { type LiftJobInput, type ModelChoice, runLiftJob } from '../../domain/lifting/job';
import { adapterFor, guessFamily, multipleOf14Size } from '../../domain/models/families';
import type { ManifestEntry, ModelFamily } from '../../domain/models/manifest';
import { FAMILY_TASK } from '../../domain/models/manifest';
import { type OrtModule, OrtRunner, createSession } from './ortRunner';

const runner = new OrtRunner(ort as unknown as OrtModule, {
  load: async (e) => new Uint8Array(fs.readFileSync(path.join(TEST_MODELS_DIR, e.file))),
  sessionOptions: () => ({ executionProviders: ['cpu'] }),
  backend: 'cpu',
});
const entry = (file: string, family: ModelFamily, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({ id: file.replace('.onnx', ''), file, family, task: FAMILY_TASK[family], ...extra });

/** An image whose brightness (mean of RGB / 255) is b(x, y). */
function brightnessImage(width: number, height: number, b: (x: number, y: number) => number): RGBAImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = Math.round(255 * b(x, y));
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

async function runFamily(file: string, family: ModelFamily, img: RGBAImage, ctx = {}, extra: Partial<ManifestEntry> = {}) {
  const e = entry(file, family, extra);
  const adapter = adapterFor(family);
  const sig = await runner.signature(e);
  expect(adapter.check(sig)).toBeNull();
  const prep = adapter.prepare(img, sig, e, ctx);
  const out = await runner.run(e, prep.feeds);
  return { prep, result: adapter.interpret(out, prep, sig, img, e, ctx) };
}

const ramp = brightnessImage(640, 480, (_x, y) => y / 479);
const at = (m: Float32Array, x: number, y: number) => m[y * 640 + x];
const rampB = (y: number) => Math.round((255 * y) / 479) / 255;

describe('Depth Anything V2 adapters', () => {
  it('sizes the input as Depth Anything does: short side 518, multiples of 14', () => {
    expect(multipleOf14Size(640, 480)).toEqual([518, 686]);
    expect(multipleOf14Size(480, 640)).toEqual([686, 518]);
    expect(multipleOf14Size(518, 518)).toEqual([518, 518]);
  });
  it('relative: ImageNet-normalised input, disparity back on the image grid', async () => {
    const { prep, result } = await runFamily('tiny-dav2-relative.onnx', 'depth-anything-v2', ramp);
    expect(prep.feeds.pixel_values.dims).toEqual([1, 3, 518, 686]);
    expect(result.kind).toBe('disparity');
    if (result.kind !== 'disparity') return;
    for (const y of [40, 240, 400]) expect(at(result.map, 320, y)).toBeCloseTo(rampB(y) + 0.05, 2);
  });
  it('metric: depth in metres', async () => {
    const { result } = await runFamily('tiny-dav2-metric.onnx', 'depth-anything-v2-metric', ramp);
    expect(result.kind === 'depth' && result.metric).toBe(true);
    if (result.kind !== 'depth') return;
    for (const y of [40, 240, 400]) expect(at(result.map, 100, y)).toBeCloseTo(0.5 + 4.5 * (1 - rampB(y)), 1);
  });
});

describe('MiDaS adapter', () => {
  it('stretches to the static input and returns disparity', async () => {
    const { prep, result } = await runFamily('tiny-midas.onnx', 'midas', ramp);
    expect(prep.feeds.input.dims).toEqual([1, 3, 256, 256]);
    if (result.kind !== 'disparity') throw new Error('expected disparity');
    expect(at(result.map, 320, 240)).toBeCloseTo(10 * rampB(240) + 1, 1);
  });
});

describe('MoGe-2 adapter', () => {
  const M = TEST_MODELS.moge2;
  const img = brightnessImage(700, 560, () => 0.5); // same aspect as the 140×112 model grid
  const diag = Math.hypot(700, 560);
  const expectDepth = (depth: Float32Array, x: number, y: number) => {
    const j = ((y + 0.5) * M.H) / 560 - 0.5; // model row under image row y
    expect(depth[y * 700 + x]).toBeCloseTo(M.metricScale * (M.zNear + (M.zSlope * j) / (M.H - 1)), 2);
  };
  it('feeds image and num_tokens, recovers focal and shift, applies the metric scale and the mask', async () => {
    const { prep, result } = await runFamily('tiny-moge2.onnx', 'moge-2', img, {}, { numTokens: 1500 });
    expect(prep.feeds.num_tokens).toEqual({ type: 'int64', data: BigInt64Array.from([1500n]), dims: [] });
    if (result.kind !== 'pointmap') throw new Error('expected a point map');
    expect(result.metric).toBe(true);
    expect(result.focalPx).toBeCloseTo((M.focal * diag) / 2, 0); // 1.2 × half diagonal
    expectDepth(result.depth, 350, 280);
    expectDepth(result.depth, 100, 500);
    expect(result.mask![280 * 700 + 350]).toBe(1);
    expect(result.mask![2 * 700 + 350]).toBe(0); // the model's 4-px border is masked out
  });
  it('reads the metric scale from the published export\'s output name, scale, as well', async () => {
    const e = entry('tiny-moge2.onnx', 'moge-2');
    const adapter = adapterFor('moge-2');
    const sig = await runner.signature(e);
    const prep = adapter.prepare(img, sig, e, {});
    const { metric_scale, ...rest } = await runner.run(e, prep.feeds);
    const renamed = { ...rest, scale: metric_scale };
    const published = { ...sig, outputs: sig.outputs.map((o) => (o.name === 'metric_scale' ? { ...o, name: 'scale' } : o)) };
    expect(guessFamily('model.onnx', published)).toBe('moge-2');
    const result = adapter.interpret(renamed, prep, published, img, e, {});
    if (result.kind !== 'pointmap') throw new Error('expected a point map');
    expect(result.metric).toBe(true);
    expectDepth(result.depth, 350, 280);
  });
  it('with a known focal, solves the shift only', async () => {
    const camera = { fx: (M.focal * diag) / 2, fy: (M.focal * diag) / 2, cx: 349.5, cy: 279.5 };
    const { result } = await runFamily('tiny-moge2.onnx', 'moge-2', img, { camera, focalKnown: true });
    if (result.kind !== 'pointmap') throw new Error('expected a point map');
    expect(result.note).toMatch(/known focal/);
    expectDepth(result.depth, 350, 280);
  });
});

describe('Metric3D v2 adapter', () => {
  it('pads to the canonical input keeping the aspect and rescales depth by the real focal', async () => {
    const camera = { fx: 500, fy: 500, cx: 319.5, cy: 239.5 };
    const { prep, result } = await runFamily('tiny-metric3d.onnx', 'metric3d-v2', ramp, { camera });
    expect(prep.feeds.pixel_values.dims).toEqual([1, 3, 112, 196]);
    expect(prep.place.contentH).toBe(112);
    expect(prep.place.offX).toBe(Math.floor((196 - prep.place.contentW) / 2));
    // padding carries Metric3D's mean colour, i.e. 0 after normalisation
    expect((prep.feeds.pixel_values.data as Float32Array)[0]).toBe(0);
    if (result.kind !== 'depth') throw new Error('expected depth');
    // canonical depth 3.0 for focal 1000 at the input's scale (112/480): 3.0 · 500 · (112/480) / 1000
    expect(at(result.map, 320, 240)).toBeCloseTo((3.0 * 500 * (112 / 480)) / 1000, 4);
  });
});

describe('camera model adapter', () => {
  it('reads a horizontal field of view', async () => {
    const { result } = await runFamily('tiny-fov.onnx', 'fov', ramp);
    expect(result).toEqual({ kind: 'fov', hfovDeg: 55 });
  });
});

describe('wrong models are named, not run', () => {
  it('a wrong input rank names what was expected and what was found', async () => {
    const sig = await runner.signature(entry('wrong-rank.onnx', 'depth-anything-v2'));
    const msg = adapterFor('depth-anything-v2').check(sig)!;
    expect(msg).toMatch(/expects an image input \[1, 3, H, W\]/);
    expect(msg).toMatch(/found inputs input \[1, 224\]/);
  });
  it('a classifier output is not a depth map', async () => {
    const sig = await runner.signature(entry('wrong-output.onnx', 'depth-anything-v2'));
    expect(adapterFor('depth-anything-v2').check(sig)).toMatch(/found inputs pixel_values \[1, 3, height, width\] and outputs logits \[1, 1000\]/);
    expect(adapterFor('moge-2').check(sig)).toMatch(/MoGe-2 expects/);
  });
  it('bytes that are no ONNX model are refused by name', async () => {
    await expect(createSession(ort as unknown as OrtModule, new TextEncoder().encode('this is a text file, not a network at all'), {}, 'notes.onnx')).rejects.toThrow(/notes.onnx is not a valid ONNX model/);
  });
  it('guesses families from I/O and names for the user to confirm', async () => {
    const sig = (f: string) => runner.signature(entry(f, 'depth-anything-v2'));
    expect(guessFamily('depth_anything_v2_vits.onnx', await sig('tiny-dav2-relative.onnx'))).toBe('depth-anything-v2');
    expect(guessFamily('depth_anything_v2_metric_indoor_small.onnx', await sig('tiny-dav2-metric.onnx'))).toBe('depth-anything-v2-metric');
    expect(guessFamily('model.onnx', await sig('tiny-moge2.onnx'))).toBe('moge-2');
    expect(guessFamily('metric3d_vit_small.onnx', await sig('tiny-metric3d.onnx'))).toBe('metric3d-v2');
    expect(guessFamily('wrong-rank.onnx', await sig('wrong-rank.onnx'))).toBeNull();
  });
});

describe('a whole lift through a model', () => {
  // A level camera 1.4 m above a floor: row v (below the horizon) sees the floor at depth
  // f·h/(v − cy). Brightness encodes that depth for the tiny metric model (depth = 0.5 + 4.5(1 − b)).
  const W = 320, H = 240, f = 260, h = 1.4, cy = (H - 1) / 2;
  const floorDepth = (v: number) => Math.min(5, (f * h) / Math.max(1e-6, v - cy));
  const photo = brightnessImage(W, H, (_x, v) => (v > cy + 75 ? 1 - (floorDepth(v) - 0.5) / 4.5 : 0));
  const floorJob = (models: ModelChoice, extra: Partial<LiftJobInput> = {}) =>
    runLiftJob({ id: 'floor', image: photo, imageFile: 'floor.png', storedSize: { width: W, height: H }, models, ...extra }, runner);
  it('lifts the floor to z = 0 with the camera at its height', async () => {
    const res = await floorJob(
      { metric: entry('tiny-dav2-metric.onnx', 'depth-anything-v2-metric') },
      { intrinsicsJson: { name: 'K.json', text: JSON.stringify({ fx: f, fy: f, cx: (W - 1) / 2, cy }) } },
    );
    expect(res.camera.source).toBe('dataset');
    expect(res.lift.scene.depth.source).toBe('model:tiny-dav2-metric');
    expect(res.lift.gravitySource).toBe('plane-fit');
    // 8-bit brightness quantises depth: a few centimetres at a few metres
    expect(Math.abs(res.lift.frame.height - h)).toBeLessThan(0.05);
    expect(Math.abs(res.lift.frame.attitude.pitch)).toBeLessThan(0.02);
    expect(res.modelsMs['tiny-dav2-metric']).toBeGreaterThan(0);
  });
  it('says clearly when no depth model is installed', async () => {
    await expect(floorJob({})).rejects.toThrow(/No depth model is installed/);
  });
  it('runs a relative model and a metric model together and calibrates in disparity space', async () => {
    const res = await floorJob({
      relative: entry('tiny-dav2-relative.onnx', 'depth-anything-v2'),
      metric: entry('tiny-dav2-metric.onnx', 'depth-anything-v2-metric'),
      camera: entry('tiny-fov.onnx', 'fov'),
    });
    expect(res.camera.source).toBe('model');
    expect(res.camera.detail).toMatch(/55.0° horizontal/);
    expect(res.lift.scene.depth.calibration).toBe('disparity-affine');
    expect(res.lift.scene.depth.metricSource).toBe('model:tiny-dav2-metric');
  });
});
