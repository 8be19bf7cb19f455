// The generated catalogue-architecture graphs load in onnxruntime and have the published exports'
// inputs and outputs at the sizes the bench feeds (a 1-block encoder keeps the test small; the
// encoder's width, heads and head are those of the bench graphs).
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { BENCH_MODELS, benchInput, buildVitDpt } from './benchModels';

describe('bench ViT-S + DPT graphs', () => {
  for (const m of BENCH_MODELS.filter((b) => b.vit)) {
    it(`${m.key}: ${m.input} ${m.dims.join('×')} in, published outputs out`, async () => {
      const spec = m.vit!;
      const session = await ort.InferenceSession.create(buildVitDpt(m.key, { ...spec, blocks: 1 }), { intraOpNumThreads: 1 });
      const feeds: Record<string, ort.Tensor> = { [m.input]: new ort.Tensor('float32', benchInput(m.dims), m.dims) };
      for (const [name, v] of Object.entries(m.scalars ?? {})) feeds[name] = new ort.Tensor('int64', BigInt64Array.of(BigInt(v)), []);
      expect([...session.inputNames].sort()).toEqual(Object.keys(feeds).sort());
      const out = await session.run(feeds);
      const { h, w } = spec;
      if (spec.outputs === 'depth') {
        expect(Object.keys(out)).toEqual(['predicted_depth']);
        expect(out.predicted_depth.dims).toEqual([1, h, w]);
        const d = out.predicted_depth.data as Float32Array;
        expect(d.every((v) => Number.isFinite(v) && v >= 0)).toBe(true); // ReLU head, no NaN
      } else {
        expect(Object.keys(out).sort()).toEqual(['mask', 'normal', 'points', 'scale']);
        expect(out.points.dims).toEqual([1, h, w, 3]);
        expect(out.normal.dims).toEqual([1, h, w, 3]);
        expect(out.mask.dims).toEqual([1, h, w]);
        expect(out.scale.dims).toEqual([1]);
        expect((out.scale.data as Float32Array)[0]).toBeGreaterThan(0);
      }
      await session.release();
    });
  }

  it('ViT-S/14 sizes: 518² is 37×37 patches, MoGe-2 at 1800 tokens is 37×49, Metric3D 44×76', () => {
    const grid = (key: string) => {
      const v = BENCH_MODELS.find((b) => b.key === key)!.vit!;
      return [v.h / 14, v.w / 14];
    };
    expect(grid('dav2')).toEqual([37, 37]);
    expect(grid('moge2')).toEqual([37, 49]);
    expect(Math.abs(37 * 49 - 1800)).toBeLessThan(20);
    expect(grid('metric3d')).toEqual([44, 76]);
  });
});
