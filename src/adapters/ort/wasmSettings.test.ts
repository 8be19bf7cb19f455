// The WASM backend's settings: thread count by isolation and cores, and outputs of onnxruntime-web's
// WASM build under the app's session options against onnxruntime-node on the same models and input
// (the runtime the bench compares it with). onnxruntime-web runs here in Node, single-threaded: the
// same .wasm binary the browser loads.
import fs from 'node:fs';
import path from 'node:path';
import * as native from 'onnxruntime-node';
import * as web from 'onnxruntime-web/wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_MODELS_DIR } from '../../../scripts/testModels';
import { MAX_WASM_THREADS, wasmSessionOptions, wasmThreads } from './wasmSettings';

describe('wasmThreads', () => {
  it('uses one thread when the page is not cross-origin isolated, whatever the cores', () => {
    for (const cores of [1, 2, 8, 64, undefined]) {
      const t = wasmThreads(false, cores);
      expect(t.threads).toBe(1);
      expect(t.reason).toMatch(/not cross-origin isolated/);
    }
  });

  it('uses every core up to the cap when isolated', () => {
    expect(wasmThreads(true, 1).threads).toBe(1);
    expect(wasmThreads(true, 2).threads).toBe(2);
    expect(wasmThreads(true, 3).threads).toBe(3);
    expect(wasmThreads(true, 8).threads).toBe(MAX_WASM_THREADS);
    expect(wasmThreads(true, 128).threads).toBe(MAX_WASM_THREADS);
    expect(wasmThreads(true, 2).reason).toBe('2 cores');
  });

  it('assumes two cores when the browser does not say (or says nonsense)', () => {
    for (const cores of [undefined, 0, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(wasmThreads(true, cores).threads).toBe(2);
    expect(wasmThreads(true, 2.7).threads).toBe(2);
  });
});

describe('onnxruntime-web WASM with the app session options vs onnxruntime-node', () => {
  web.env.wasm.numThreads = 1;
  const sessions: { release(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.release();
  });

  /** Deterministic input in [−1, 1). */
  const input = (n: number) => {
    const x = new Float32Array(n);
    let s = 99;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      x[i] = (s / 2 ** 32) * 2 - 1;
    }
    return x;
  };

  async function both(file: string, name: string, dims: number[]) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const x = input(dims.reduce((a, b) => a * b, 1));
    const n = await native.InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
    const w = await web.InferenceSession.create(bytes, wasmSessionOptions());
    sessions.push(n, w);
    const a = await n.run({ [name]: new native.Tensor('float32', x, dims) });
    const b = await w.run({ [name]: new web.Tensor('float32', x, dims) });
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    return Object.keys(a).map((k) => ({ k, dims: [a[k].dims, b[k].dims], a: a[k].data as Float32Array, b: b[k].data as Float32Array }));
  }

  it('gives depthnet-384 the same depth map (largest difference ≤ 1e-4 of the range)', async () => {
    const [o] = await both(path.join(TEST_MODELS_DIR, 'depthnet-384.onnx'), 'pixel_values', [1, 3, 384, 384]);
    expect(o.dims[1]).toEqual(o.dims[0]);
    expect(o.a.length).toBe(384 * 384);
    let lo = Infinity, hi = -Infinity, worst = 0;
    for (let i = 0; i < o.a.length; i++) {
      lo = Math.min(lo, o.a[i]);
      hi = Math.max(hi, o.a[i]);
      worst = Math.max(worst, Math.abs(o.a[i] - o.b[i]));
    }
    expect(hi - lo).toBeGreaterThan(1e-3); // a map with structure, not a constant
    expect(worst).toBeLessThanOrEqual(1e-4 * (hi - lo));
  });

  it('gives the shipped YOLOX-Nano the same boxes and scores', async () => {
    const file = path.resolve(import.meta.dirname, '../../../models/yolox_nano.onnx');
    const [o] = await both(file, 'images', [1, 3, 416, 416]);
    expect(o.dims[1]).toEqual([1, 3549, 85]);
    // Box coordinates are raw regressions (grid offsets and log sizes), objectness and class scores
    // in 0–1. Native sums in another order and with FMA, so the last bits differ: ~1e-4 on a box
    // value is 1/1000 of a pixel at the finest stride (8).
    let worstBox = 0, worstScore = 0;
    for (let i = 0; i < o.a.length; i++) {
      const d = Math.abs(o.a[i] - o.b[i]);
      if (i % 85 < 4) worstBox = Math.max(worstBox, d / Math.max(1, Math.abs(o.a[i])));
      else worstScore = Math.max(worstScore, d);
    }
    expect(worstBox).toBeLessThan(1e-3);
    expect(worstScore).toBeLessThan(1e-4);
  });
});
