// Loads every generated test model in onnxruntime-node and checks it has the
// published export's signature and computes the documented analytic output.
// Expected values are recomputed here from the formulas, not read back from
// the generator's arrays, so a generator bug cannot hide behind itself.
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { mulberry32 } from '../../src/domain/geometry/random';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder, ModelProto, float, floats, tensor } from './builder';
import {
  IMAGENET_MEAN,
  IMAGENET_STD,
  METRIC3D_MEAN,
  METRIC3D_STD,
  TEST_MODELS,
  TEST_MODELS_DIR,
  type TestModelKey,
  buildTestModel,
  ensureTestModels,
  generateTestModels,
} from '../testModels';

type Dim = number | string;
interface ExpectedIO {
  inputs: [string, 'float32' | 'int64', Dim[]][];
  outputs: [string, 'float32' | 'int64', Dim[]][];
}

// Written out literally (from the real exports' signatures) rather than
// derived from TEST_MODELS, so the metadata is checked too.
const EXPECTED_IO: Record<TestModelKey, ExpectedIO> = {
  dav2Relative: {
    inputs: [['pixel_values', 'float32', [1, 3, 'height', 'width']]],
    outputs: [['predicted_depth', 'float32', [1, 'height', 'width']]],
  },
  dav2Metric: {
    inputs: [['pixel_values', 'float32', [1, 3, 'height', 'width']]],
    outputs: [['predicted_depth', 'float32', [1, 'height', 'width']]],
  },
  midas: {
    inputs: [['input', 'float32', [1, 3, 256, 256]]],
    outputs: [['output', 'float32', [1, 256, 256]]],
  },
  moge2: {
    inputs: [
      ['image', 'float32', [1, 3, 112, 140]],
      ['num_tokens', 'int64', []],
    ],
    outputs: [
      ['points', 'float32', [1, 112, 140, 3]],
      ['normal', 'float32', [1, 112, 140, 3]],
      ['mask', 'float32', [1, 112, 140]],
      ['metric_scale', 'float32', [1]],
    ],
  },
  metric3d: {
    inputs: [['pixel_values', 'float32', [1, 3, 112, 196]]],
    outputs: [['predicted_depth', 'float32', [1, 112, 196]]],
  },
  fov: {
    inputs: [['image', 'float32', [1, 3, 224, 224]]],
    outputs: [['fov', 'float32', [1]]],
  },
  wrongRank: {
    inputs: [['input', 'float32', [1, 224]]],
    outputs: [['output', 'float32', [1, 10]]],
  },
  wrongOutput: {
    inputs: [['pixel_values', 'float32', [1, 3, 'height', 'width']]],
    outputs: [['logits', 'float32', [1, 1000]]],
  },
  depthnet384: {
    inputs: [['pixel_values', 'float32', [1, 3, 384, 384]]],
    outputs: [['predicted_depth', 'float32', [1, 384, 384]]],
  },
};

const KEYS = Object.keys(EXPECTED_IO) as TestModelKey[];
const sessions = new Map<TestModelKey, ort.InferenceSession>();

function session(key: TestModelKey): ort.InferenceSession {
  const s = sessions.get(key);
  if (!s) throw new Error(`no session for ${key}`);
  return s;
}

beforeAll(async () => {
  await ensureTestModels();
  for (const key of KEYS) {
    sessions.set(key, await ort.InferenceSession.create(path.join(TEST_MODELS_DIR, TEST_MODELS[key].file)));
  }
});

afterAll(async () => {
  for (const s of sessions.values()) await s.release();
});

// ------------------------------------------------------------------ helpers


/** A random planar RGB image in 0–1, [3, h, w]. */
function randomRgb(h: number, w: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: 3 * h * w }, () => r());
}

function normalize(rgb01: Float32Array, mean: readonly number[], std: readonly number[], range = 1): Float32Array {
  const plane = rgb01.length / 3;
  return rgb01.map((v, k) => {
    const c = Math.floor(k / plane);
    return (v * range - mean[c]) / std[c];
  });
}

function brightness(rgb01: Float32Array): Float64Array {
  const plane = rgb01.length / 3;
  return Float64Array.from({ length: plane }, (_, p) => (rgb01[p] + rgb01[plane + p] + rgb01[2 * plane + p]) / 3);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-4, abs = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let k = 0; k < expected.length; k++) {
    const excess = Math.abs(actual[k] - expected[k]) - (rel * Math.abs(expected[k]) + abs);
    if (!(excess <= worst)) {
      worst = excess;
      at = k;
    }
  }
  if (at >= 0) expect.fail(`index ${at}: got ${actual[at]}, expected ${expected[at]}`);
}

const f32 = (data: Float32Array, dims: number[]) => new ort.Tensor('float32', data, dims);

async function runOne(key: TestModelKey, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const out = await session(key).run(feeds);
  return out as Record<string, ort.Tensor>;
}

// ----------------------------------------------------------------- metadata

describe('ORT metadata matches the published signatures', () => {
  for (const key of KEYS) {
    it(TEST_MODELS[key].file, () => {
      const s = session(key);
      const expected = EXPECTED_IO[key];
      expect(s.inputNames).toEqual(expected.inputs.map(([n]) => n));
      expect(s.outputNames).toEqual(expected.outputs.map(([n]) => n));
      const describe = (m: readonly ort.InferenceSession.ValueMetadata[]) =>
        m.map((v) => (v.isTensor ? [v.name, v.type, [...v.shape]] : [v.name, 'non-tensor', []]));
      expect(describe(s.inputMetadata)).toEqual(expected.inputs);
      expect(describe(s.outputMetadata)).toEqual(expected.outputs);
      // TEST_MODELS (what adapters' tests read) must agree with reality too.
      const spec = (xs: readonly { name: string; type: string; dims: readonly Dim[] }[]) => xs.map((x) => [x.name, x.type, [...x.dims]]);
      expect(spec(TEST_MODELS[key].inputs)).toEqual(expected.inputs);
      expect(spec(TEST_MODELS[key].outputs)).toEqual(expected.outputs);
    });
  }
});

// ----------------------------------------------------------------- outputs

describe('brightness models', () => {
  const cases = [
    { key: 'dav2Relative', input: 'pixel_values', output: 'predicted_depth', f: (b: number) => b + 0.05, sizes: [[24, 32], [37, 50]] },
    { key: 'dav2Metric', input: 'pixel_values', output: 'predicted_depth', f: (b: number) => 0.5 + 4.5 * (1 - b), sizes: [[14, 14], [30, 21]] },
    { key: 'midas', input: 'input', output: 'output', f: (b: number) => 10 * b + 1, sizes: [[256, 256]] },
  ] as const;
  for (const { key, input, output, f, sizes } of cases) {
    for (const [h, w] of sizes) {
      it(`${TEST_MODELS[key].file} at ${h}×${w}`, async () => {
        const rgb = randomRgb(h, w, h * 1000 + w);
        const out = await runOne(key, { [input]: f32(normalize(rgb, IMAGENET_MEAN, IMAGENET_STD), [1, 3, h, w]) });
        expect(out[output].dims).toEqual([1, h, w]);
        expectClose(out[output].data as Float32Array, brightness(rgb).map(f));
        const m = TEST_MODELS[key];
        expect(m.brightness.scale * 0.3 + m.brightness.offset).toBeCloseTo(f(0.3), 12);
      });
    }
  }
});

describe('tiny-moge2', () => {
  const m = TEST_MODELS.moge2;
  const H = 112;
  const W = 140;

  async function run(numTokens: bigint) {
    return runOne('moge2', {
      image: f32(randomRgb(H, W, 7), [1, 3, H, W]),
      num_tokens: new ort.Tensor('int64', BigInt64Array.of(numTokens), []),
    });
  }

  it('outputs the documented scene', async () => {
    const out = await run(1800n);
    const a = W / H;
    const spanX = a / Math.sqrt(1 + a * a);
    const spanY = 1 / Math.sqrt(1 + a * a);
    const points = new Float64Array(H * W * 3);
    const mask = new Float64Array(H * W);
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < W; i++) {
        const u = (spanX * (2 * i - (W - 1))) / W;
        const v = (spanY * (2 * j - (H - 1))) / H;
        const z = 2 + (1.0 * j) / (H - 1);
        const k = j * W + i;
        points.set([(u * z) / 1.2, (v * z) / 1.2, z - 0.7], 3 * k);
        mask[k] = i < 4 || j < 4 || i >= W - 4 || j >= H - 4 ? 0.1 : 0.9;
      }
    }
    expectClose(out.points.data as Float32Array, points);
    expectClose(out.mask.data as Float32Array, mask);
    expectClose(out.normal.data as Float32Array, Float64Array.from({ length: H * W * 3 }, (_, k) => (k % 3 === 2 ? -1 : 0)));
    expectClose(out.metric_scale.data as Float32Array, [1.5]);
    expect(out.points.dims).toEqual([1, H, W, 3]);
    expect(out.metric_scale.dims).toEqual([1]);
    expect([m.focal, m.shift, m.metricScale, m.H, m.W]).toEqual([1.2, 0.7, 1.5, H, W]);
    expect(m.depth(H - 1)).toBeCloseTo(3, 12);
  });

  it('is independent of num_tokens', async () => {
    const a = await run(1200n);
    const b = await run(3600n);
    expect(Buffer.from((a.points.data as Float32Array).buffer).equals(Buffer.from((b.points.data as Float32Array).buffer))).toBe(true);
  });

  it('lets focal and shift be recovered from the points (MoGe convention)', async () => {
    // x·F − u·S = u·z' and y·F − v·S = v·z' with z' = z − S: linear least squares in (F, S).
    const p = (await run(1800n)).points.data as Float32Array;
    let aa = 0, ab = 0, bb = 0, ar = 0, br = 0;
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < W; i++) {
        const [u, v] = m.uv(i, j);
        const k = 3 * (j * W + i);
        for (const [xy, uv] of [[p[k], u], [p[k + 1], v]]) {
          const c1 = xy, c2 = -uv, rhs = uv * p[k + 2];
          aa += c1 * c1; ab += c1 * c2; bb += c2 * c2; ar += c1 * rhs; br += c2 * rhs;
        }
      }
    }
    const det = aa * bb - ab * ab;
    const F = (ar * bb - ab * br) / det;
    const S = (aa * br - ab * ar) / det;
    expect(F).toBeCloseTo(m.focal, 4);
    expect(S).toBeCloseTo(m.shift, 4);
  });
});

describe('constant-output models', () => {
  it('tiny-metric3d gives canonical depth 3', async () => {
    const rgb = randomRgb(112, 196, 11);
    const out = await runOne('metric3d', { pixel_values: f32(normalize(rgb, METRIC3D_MEAN, METRIC3D_STD, 255), [1, 3, 112, 196]) });
    expect(out.predicted_depth.dims).toEqual([1, 112, 196]);
    expectClose(out.predicted_depth.data as Float32Array, new Float64Array(112 * 196).fill(3));
    expect(TEST_MODELS.metric3d.canonicalDepth).toBe(3);
  });

  it('tiny-fov gives 55°', async () => {
    const out = await runOne('fov', { image: f32(normalize(randomRgb(224, 224, 5), IMAGENET_MEAN, IMAGENET_STD), [1, 3, 224, 224]) });
    expect(out.fov.dims).toEqual([1]);
    expectClose(out.fov.data as Float32Array, [55]);
  });
});

describe('decoy models', () => {
  it('wrong-rank is a plain MatMul', async () => {
    const x = Float32Array.from({ length: 224 }, (_, k) => Math.sin(k));
    const out = await runOne('wrongRank', { input: f32(x, [1, 224]) });
    const expected = Array.from({ length: 10 }, (_, n) => {
      let s = 0;
      for (let k = 0; k < 224; k++) s += x[k] * TEST_MODELS.wrongRank.weight(k, n);
      return s;
    });
    expect(out.output.dims).toEqual([1, 10]);
    expectClose(out.output.data as Float32Array, expected, 1e-4, 1e-5);
  });

  it('wrong-output pools to 1000 logits', async () => {
    const [h, w] = [20, 30];
    const x = normalize(randomRgb(h, w, 3), IMAGENET_MEAN, IMAGENET_STD);
    const out = await runOne('wrongOutput', { pixel_values: f32(x, [1, 3, h, w]) });
    const means = [0, 1, 2].map((c) => x.subarray(c * h * w, (c + 1) * h * w).reduce((a, b) => a + b, 0) / (h * w));
    const { weight, bias } = TEST_MODELS.wrongOutput;
    const expected = Array.from({ length: 1000 }, (_, n) => bias(n) + means.reduce((s, mc, c) => s + mc * weight(c, n), 0));
    expect(out.logits.dims).toEqual([1, 1000]);
    expectClose(out.logits.data as Float32Array, expected, 1e-4, 1e-5);
  });
});

describe('depthnet-384', () => {
  const m = TEST_MODELS.depthnet384;

  it('has a realistic cost and size', async () => {
    expect(m.flops).toBeGreaterThan(2e9);
    expect(m.flops).toBeLessThan(5e9);
    const { size } = await stat(path.join(TEST_MODELS_DIR, m.file));
    expect(size).toBeLessThan(20e6);
    expect(size).toBeGreaterThan(m.params * 4);
  });

  it('outputs a finite, non-constant map in (0, 1)', async () => {
    const x = normalize(randomRgb(384, 384, 384), IMAGENET_MEAN, IMAGENET_STD);
    const out = await runOne('depthnet384', { pixel_values: f32(x, [1, 3, 384, 384]) });
    expect(out.predicted_depth.dims).toEqual([1, 384, 384]);
    const d = out.predicted_depth.data as Float32Array;
    let min = Infinity, max = -Infinity;
    for (const v of d) {
      if (!Number.isFinite(v)) expect.fail(`non-finite output ${v}`);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(max - min).toBeGreaterThan(0.05);
  });
});

// ------------------------------------------------------------------ builder

describe('GraphBuilder', () => {
  it('round-trips int64 fields, raw_data and attribute kinds through protobufjs', () => {
    const g = new GraphBuilder('rt');
    g.input('x', 'float32', [1, 'n']);
    g.init('w', Float32Array.of(1.5, -2), [2]);
    g.init('big', BigInt64Array.of(2n ** 40n + 3n, -1n), [2]);
    g.node('LeakyRelu', ['x'], ['y'], { alpha: float(0.25) });
    g.node('ConstantOfShape', ['big'], ['z'], { value: tensor(Float32Array.of(7), [1]) });
    g.node('Dummy', ['x'], ['d'], { ints: [1, -2, 2 ** 40], fs: floats([0.5, 2]), mode: 'linear' });
    g.output('y', 'float32', [1, 'n']);
    const obj = ModelProto.toObject(ModelProto.decode(g.toBytes()), { longs: Number, defaults: false }) as {
      ir_version: number;
      opset_import: { domain?: string; version: number }[];
      graph: {
        initializer: { name: string; dims: number[]; data_type: number; raw_data: Uint8Array }[];
        node: { attribute: Record<string, unknown>[] }[];
        input: { type: { tensor_type: { shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
      };
    };
    expect(obj.ir_version).toBe(8);
    expect(obj.opset_import).toEqual([{ domain: '', version: 17 }]);
    const [w, big] = obj.graph.initializer;
    expect(w.dims).toEqual([2]);
    expect(w.data_type).toBe(1);
    expect([...w.raw_data]).toEqual([0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0]); // 1.5, -2 little-endian
    expect(big.data_type).toBe(7);
    const view = new DataView(big.raw_data.buffer, big.raw_data.byteOffset, 16);
    expect([view.getBigInt64(0, true), view.getBigInt64(8, true)]).toEqual([2n ** 40n + 3n, -1n]);
    expect(obj.graph.node[0].attribute[0]).toEqual({ name: 'alpha', type: 1, f: 0.25 });
    expect(obj.graph.node[1].attribute[0]).toMatchObject({ name: 'value', type: 4, t: { dims: [1], data_type: 1 } });
    const [ints, fs, mode] = obj.graph.node[2].attribute;
    expect(ints).toEqual({ name: 'ints', type: 7, ints: [1, -2, 2 ** 40] });
    expect(fs).toEqual({ name: 'fs', type: 6, floats: [0.5, 2] });
    expect(mode).toMatchObject({ name: 'mode', type: 3 });
    expect(new TextDecoder().decode(mode.s as Uint8Array)).toBe('linear');
    expect(obj.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_value: 1 }, { dim_param: 'n' }]);
  });

  it('rejects wiring mistakes early', () => {
    const g = new GraphBuilder('bad');
    g.input('x', 'float32', [1]);
    expect(() => g.node('Relu', ['nope'])).toThrow(/undefined value "nope"/);
    expect(() => g.node('Relu', ['x'], ['x'])).toThrow(/defined twice/);
    expect(() => g.node('Gemm', ['x'], ['y'], { alpha: 0.5 })).toThrow(/float\(\)/);
    g.output('missing', 'float32', [1]);
    expect(() => g.toBytes()).toThrow(/never produced/);
  });
});

// ------------------------------------------------------------------ on disk

describe('ensureTestModels', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spatial-lens-models-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is deterministic, incremental and repairs damage', async () => {
    const first = await generateTestModels(dir);
    expect(first.sort()).toEqual(KEYS.map((k) => TEST_MODELS[k].file).sort());
    for (const key of KEYS) {
      const file = TEST_MODELS[key].file;
      const [a, b] = await Promise.all([readFile(path.join(dir, file)), readFile(path.join(TEST_MODELS_DIR, file))]);
      expect(a.equals(b), `${file} differs between runs`).toBe(true);
    }
    expect(Buffer.from(buildTestModel('fov')).equals(await readFile(path.join(dir, 'tiny-fov.onnx')))).toBe(true);

    const t0 = performance.now();
    expect(await generateTestModels(dir)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(200);

    await unlink(path.join(dir, 'tiny-fov.onnx'));
    await writeFile(path.join(dir, 'tiny-midas.onnx'), 'truncated');
    expect((await generateTestModels(dir)).sort()).toEqual(['tiny-fov.onnx', 'tiny-midas.onnx']);

    await writeFile(path.join(dir, 'manifest.json'), '{"fingerprint":"old","files":{}}');
    expect(await generateTestModels(dir)).toHaveLength(KEYS.length);
    await ensureTestModels(dir);
  });
});
