import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePhotoNode } from '../../adapters/node/decode';
import { type OrtModule, OrtRunner } from '../../adapters/ort/ortRunner';
import type { ManifestEntry } from '../models/manifest';
import { detectionsToAnnotations, yoloxDecode, yoloxInput } from '../models/yolox';
import { boxIou, describeSuppressed, suppressOverlaps } from './suppress';
import type { BBox } from './types';

describe('class-agnostic suppression on hand-made boxes', () => {
  it('computes IoU by hand', () => {
    expect(boxIou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(50 / 150, 12);
    expect(boxIou([0, 0, 10, 10], [10, 0, 10, 10])).toBe(0);
    expect(boxIou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
  });

  it('keeps the better of two classes on one wardrobe and leaves separate objects alone', () => {
    const wardrobe: BBox = [163, 104, 159, 264];
    const dets = [
      { id: 'a', category: 'chair', bbox: [569, 148, 53, 107] as BBox, score: 0.63 },
      { id: 'b', category: 'refrigerator', bbox: [165, 100, 155, 268] as BBox, score: 0.62 }, // IoU ≈ 0.94 with c
      { id: 'c', category: 'oven', bbox: wardrobe, score: 0.65 },
      { id: 'd', category: 'chair', bbox: [588, 338, 50, 137] as BBox, score: 0.59 },
    ];
    const { kept, suppressed } = suppressOverlaps(dets, 0.6);
    expect(kept.map((d) => d.id)).toEqual(['a', 'c', 'd']);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].item.id).toBe('b');
    expect(suppressed[0].by.id).toBe('c');
    expect(describeSuppressed(suppressed)).toBe('refrigerator 62 % (overlaps oven 65 %)');
  });

  it('honours the threshold: an overlap of 1/3 stays at 0.6, goes at 0.3; 1 turns it off', () => {
    const dets = [
      { id: 'x', category: 'cat', bbox: [0, 0, 10, 10] as BBox, score: 0.9 },
      { id: 'y', category: 'dog', bbox: [5, 0, 10, 10] as BBox, score: 0.8 },
    ];
    expect(suppressOverlaps(dets, 0.6).kept).toHaveLength(2);
    expect(suppressOverlaps(dets, 0.3).kept.map((d) => d.id)).toEqual(['x']);
    const same = [dets[0], { ...dets[1], bbox: dets[0].bbox }];
    expect(suppressOverlaps(same, 1).kept).toHaveLength(2);
  });

  it('objects already on the photo win over a new detection of the same thing', () => {
    const existing = [{ id: 'drawn-1', category: 'wardrobe', bbox: [160, 100, 160, 265] as BBox }];
    const { kept, suppressed } = suppressOverlaps([{ id: 'det-0', category: 'refrigerator', bbox: [163, 104, 159, 264] as BBox, score: 0.9 }], 0.6, existing);
    expect(kept).toEqual([]);
    expect(suppressed[0].by.id).toBe('drawn-1');
  });
});

describe('class-agnostic suppression on real detections (YOLOX-Nano, onnxruntime-node)', () => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const entry: ManifestEntry = { id: 'yolox-nano-coco', family: 'yolox', task: 'detect-coco', file: 'yolox_nano.onnx' };
  const runner = new OrtRunner(ort as unknown as OrtModule, {
    load: async (e) => new Uint8Array(fs.readFileSync(path.join(root, 'models', e.file))),
    sessionOptions: () => ({ executionProviders: ['cpu'] }),
    backend: 'cpu',
  });
  afterAll(() => runner.release());
  const detect = async (file: string) => {
    const { image } = await decodePhotoNode(new Uint8Array(fs.readFileSync(path.resolve(root, '../shared/data', file))), path.basename(file));
    const { tensor, ratio } = yoloxInput(image);
    const out = await runner.run(entry, { images: tensor });
    return detectionsToAnnotations(yoloxDecode(out.output.data as Float32Array, ratio, image.width, image.height, { scoreThreshold: 0.3 }));
  };

  it('COCO 000000039769: the couch detected on the bed goes, both cats stay', async () => {
    const dets = await detect('coco/000000039769.png');
    expect(dets.map((d) => d.category)).toEqual(['cat', 'cat', 'bed', 'couch']);
    expect(boxIou(dets[2].bbox, dets[3].bbox)).toBeGreaterThan(0.9);
    const { kept, suppressed } = suppressOverlaps(dets);
    expect(kept.map((d) => d.category)).toEqual(['cat', 'cat', 'bed']);
    expect(suppressed.map((s) => [s.item.category, s.by.category])).toEqual([['couch', 'bed']]);
  });

  it('NYU frame 0: the wardrobe and the three chairs are four objects; nothing is suppressed', async () => {
    const dets = await detect('nyu/rgb/rgb_00000.jpg');
    const { kept } = suppressOverlaps(dets);
    expect(kept).toHaveLength(dets.length);
    expect(dets.filter((d) => d.category === 'chair')).toHaveLength(3);
  });
});
