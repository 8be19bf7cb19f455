import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSpar7m, spar7mFileName, spar7mIssues, spar7mLines, spar7mPath, toSpar7m, type ImageSize, type Spar7mRecord } from './sparLayout';
import { QA_SCHEMA, type Mark, type QAItem } from '../types';

const README = path.resolve(import.meta.dirname, '../../../../../shared/data/benchmarks/spar7m_readme_example.jsonl');
const readmeLine = readFileSync(README, 'utf8').trim();
const readmeRecord = (): Spar7mRecord => JSON.parse(readmeLine);

const S640: ImageSize = { width: 640, height: 480 };
const SCANNET: ImageSize = { width: 1296, height: 968 };
const SQUARE: ImageSize = { width: 1000, height: 1000 };

const item = (marks: Mark[], over: Partial<QAItem> = {}): QAItem => ({
  id: 'scene-a/depth_oc/0001',
  image: ['a.jpg'],
  task: 'depth_prediction_oc',
  question: 'How deep is the chair (red point)?',
  answer: '1.5',
  spatial_lens: {
    schema: QA_SCHEMA,
    format: 'fill',
    objects: [],
    marks,
    evidence: {},
    scene: 'scene-a',
    generator: { name: 'spatial-lens', version: 'test', seed: 1 },
  },
  ...over,
});
const point = (color: Mark['color'], uv: [number, number], image?: number): Mark => ({ kind: 'point', color, uv, ...(image === undefined ? {} : { image }) });
const box = (color: Mark['color'], b: [number, number, number, number], image?: number): Mark => ({ kind: 'box', color, box: b, ...(image === undefined ? {} : { image }) });

// Deterministic stand-in for Math.random, so a failure can be replayed
const lcg = (seed: number) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

describe('the SPAR-7M README record', () => {
  for (const size of [SCANNET, S640]) {
    it(`survives fromSpar7m → toSpar7m unchanged, key order included (assumed ${size.width}×${size.height})`, () => {
      const rec = readmeRecord();
      const it7 = fromSpar7m(rec, [size]);
      expect(it7.id).toBe('scene0261_00_16');
      expect(it7.task).toBe('depth_prediction_oc');
      expect(it7.image).toEqual(['scene0261_00/image_color/543.jpg']);
      expect(it7.question).toMatch(/^With the counter \(red point\)/);
      expect(it7.answer).toBe("towel's central depth is estimated to be about 1.5 meters.");
      // depth is no field of ours: it stays at the top level, untouched
      expect(it7.depth).toEqual(['scene0261_00/image_depth/543.png']);
      expect(it7.spatial_lens.scene).toBe('scene0261_00');
      expect(it7.spatial_lens.format).toBe('sentence');
      const [red, blue] = it7.spatial_lens.marks;
      expect(red).toMatchObject({ kind: 'point', color: 'red' });
      expect(blue).toMatchObject({ kind: 'point', color: 'blue' });
      // 553/1000·W is the continuous x; the OpenCV pixel-centre u is half a pixel less
      expect(red.uv![0]).toBeCloseTo(0.553 * size.width - 0.5, 9);
      expect(red.uv![1]).toBeCloseTo(0.397 * size.height - 0.5, 9);
      expect(blue.uv![0]).toBeCloseTo(0.641 * size.width - 0.5, 9);
      expect(red.image).toBeUndefined();

      const back = toSpar7m(it7, [size]);
      expect(back).toStrictEqual(rec);
      expect(JSON.stringify(back)).toBe(JSON.stringify(rec));
      expect(spar7mLines([it7], () => size)).toBe(JSON.stringify(rec) + '\n');
      expect(spar7mIssues(back)).toEqual([]);
    });
  }

  it('takes format, scene and source from the caller', () => {
    const it7 = fromSpar7m(readmeRecord(), [SCANNET], { format: 'fill', scene: 'scannet/scene0261_00', source: { file: 'fill_76837.jsonl', line: 3 } });
    expect(it7.spatial_lens.format).toBe('fill');
    expect(it7.spatial_lens.scene).toBe('scannet/scene0261_00');
    expect(it7.spatial_lens.source).toEqual({ file: 'fill_76837.jsonl', line: 3 });
  });
});

describe('0–1000 conversion, worked by hand', () => {
  it('640×480: a point lands on its own pixel in SPAR', () => {
    // u = 100 → continuous 100.5; 100.5 / 640 × 1000 = 157.03 → 157; SPAR: int(157/1000 × 640) = int(100.48) = 100 ✓
    // v = 50 → 50.5; 50.5 / 480 × 1000 = 105.21 → 105; int(0.105 × 480) = int(50.4) = 50 ✓
    const rec = toSpar7m(item([point('red', [100, 50])]), [S640]);
    expect(rec.red_point).toEqual([[157, 105]]);
  });

  it('640×480: box edges keep the outer edge of SPAR’s 20 px rectangle (drawn from int(x1 − 17.5) to int(x2 + 17.5))', () => {
    // x1 100: 100/640×1000 = 156.25 → 156; int(0.156×640 − 17.5) = int(99.84 − 17.5) = int(82.34) = 82 = int(100 − 17.5) ✓
    // y1  50:  50/480×1000 = 104.17 → 104; int(49.92 − 17.5) = 32 = int(32.5) ✓
    // x2 300: 300/640×1000 = 468.75 → 469; int(300.16 + 17.5) = 317 = int(317.5) ✓
    // y2 250: 250/480×1000 = 520.83 → 521; int(250.08 + 17.5) = 267 = int(267.5) ✓
    expect(toSpar7m(item([box('red', [100, 50, 300, 250])], { task: 'spatial_volume_infer' }), [S640]).red_bbox).toEqual([[156, 104, 469, 521]]);
    // x1 100.5: 157.03 rounds to 157, but int(100.48 − 17.5) = int(82.98) = 82 while the exact box
    // draws at int(100.5 − 17.5) = 83; 158 gives int(101.12 − 17.5) = int(83.62) = 83 ✓ → 158
    expect(toSpar7m(item([box('red', [100.5, 50, 300, 250])], { task: 'spatial_volume_infer' }), [S640]).red_bbox).toEqual([[158, 104, 469, 521]]);
  });

  it('1296×968 (ScanNet): points, including a pixel no permille value reaches', () => {
    // (647.5, 483.5) → continuous (648, 484) = exactly half of 1296 and 968 → (500, 500)
    expect(toSpar7m(item([point('red', [647.5, 483.5])]), [SCANNET]).red_point).toEqual([[500, 500]]);
    // u = 100 → 100.5/1296×1000 = 77.55: 78 → int(101.088) = 101, 77 → int(99.792) = 99; permille
    // steps are 1.296 px wide here, so pixel 100 is unreachable and the nearer value, 78, is kept.
    // v = 100 → 100.5/968×1000 = 103.82 → 104: int(0.104 × 968) = int(100.672) = 100 ✓
    expect(toSpar7m(item([point('red', [100, 100])]), [SCANNET]).red_point).toEqual([[78, 104]]);
  });

  it('1296×968 (ScanNet): a box', () => {
    // x1 100: 77.16 → 77; int(99.792 − 17.5) = int(82.29) = 82 = int(82.5) ✓
    // y1 100: 103.31 → 103; int(99.704 − 17.5) = 82 ✓
    // x2 400: 308.64 → 309; int(400.464 + 17.5) = 417 = int(417.5) ✓
    // y2 300: 309.92 → 310; int(300.08 + 17.5) = 317 = int(317.5) ✓
    expect(toSpar7m(item([box('blue', [100, 100, 400, 300])], { task: 'spatial_volume_infer' }), [SCANNET]).blue_bbox).toEqual([[77, 103, 309, 310]]);
  });

  it('fromSpar7m inverts the arithmetic: 157/1000 × 640 = 100.48 continuous → u = 99.98', () => {
    const rec: Spar7mRecord = {
      id: 's_1',
      conversations: [
        { from: 'human', value: 'q' },
        { from: 'gpt', value: 'a' },
      ],
      image: ['x.jpg'],
      type: 'spatial_volume_infer',
      red_point: [[157, 105]],
      red_bbox: [[156, 104, 469, 521]],
    };
    const [p, b] = fromSpar7m(rec, [S640]).spatial_lens.marks;
    expect(p.uv![0]).toBeCloseTo(99.98, 9);
    expect(p.uv![1]).toBeCloseTo(49.9, 9); // 0.105 × 480 − 0.5
    expect(b.box!.map((v) => +v.toFixed(9))).toEqual([99.84, 49.92, 300.16, 250.08]);
  });

  it('round trip of random points: same pixel in SPAR up to 1000 px, within half a permille step above', () => {
    const rand = lcg(7);
    for (const size of [S640, SCANNET, { width: 4032, height: 3024 }]) {
      for (let k = 0; k < 2000; k++) {
        const u = Math.round(rand() * (size.width - 1) * 10) / 10;
        const v = Math.round(rand() * (size.height - 1) * 10) / 10;
        const [[pu, pv]] = toSpar7m(item([point('red', [u, v])]), [size]).red_point!;
        const du = Math.trunc((pu / 1000) * size.width) - Math.floor(u + 0.5);
        const dv = Math.trunc((pv / 1000) * size.height) - Math.floor(v + 0.5);
        // one permille is W/1000 px, so above 1000 px rounding can cost up to half of that
        expect(Math.abs(du)).toBeLessThanOrEqual(size.width <= 1000 ? 0 : Math.ceil(size.width / 2000));
        expect(Math.abs(dv)).toBeLessThanOrEqual(size.height <= 1000 ? 0 : Math.ceil(size.height / 2000));
      }
    }
  });

  it('round trip of random boxes: SPAR’s rectangle starts and ends on the same pixels up to 1000 px', () => {
    const rand = lcg(11);
    // `| 0` makes int()'s −0 for (−1, 0) plain 0, as Python has no −0 integer
    const trunc = (v: number) => Math.trunc(v) | 0;
    const spar = (p: number, size: number, off: number) => trunc((p / 1000) * size + off);
    for (const size of [S640, SQUARE, { width: 333, height: 777 }]) {
      for (let k = 0; k < 2000; k++) {
        const xs = [rand() * size.width, rand() * size.width].sort((a, b) => a - b);
        const ys = [rand() * size.height, rand() * size.height].sort((a, b) => a - b);
        const b: [number, number, number, number] = [xs[0], ys[0], xs[1], ys[1]];
        const [[x1, y1, x2, y2]] = toSpar7m(item([box('red', b)]), [size]).red_bbox!;
        expect(spar(x1, size.width, -17.5)).toBe(trunc(b[0] - 17.5));
        expect(spar(y1, size.height, -17.5)).toBe(trunc(b[1] - 17.5));
        expect(spar(x2, size.width, 17.5)).toBe(trunc(b[2] + 17.5));
        expect(spar(y2, size.height, 17.5)).toBe(trunc(b[3] + 17.5));
      }
    }
  });

  it('every integer permille value survives import and export at any image size', () => {
    for (const size of [S640, SCANNET, SQUARE, { width: 333, height: 4000 }]) {
      for (let p = 0; p <= 1000; p++) {
        const rec: Spar7mRecord = {
          id: 'r_0',
          conversations: [
            { from: 'human', value: 'q' },
            { from: 'gpt', value: 'a' },
          ],
          image: ['x.jpg'],
          type: 'obj_spatial_relation_oo',
          red_point: [[p, 1000 - p]],
          red_bbox: [[p, p, 1000, 1000]],
        };
        expect(toSpar7m(fromSpar7m(rec, [size]), [size])).toStrictEqual(rec);
      }
    }
  });
});

describe('multi-view indices', () => {
  const views = ['v0.jpg', 'v1.jpg', 'v2.jpg'];
  const sizes = [S640, SCANNET, SQUARE];

  it('depth_prediction_oo_mv: [[red, blue, green]], each mark scaled by its own image', () => {
    const it3 = item([point('red', [100, 50], 0), point('blue', [499.5, 249.5], 2), point('green', [647.5, 483.5], 1)], { task: 'depth_prediction_oo_mv', image: views });
    const rec = toSpar7m(it3, sizes);
    expect(rec.point_img_idx).toEqual([[0, 2, 1]]);
    expect(rec.red_point).toEqual([[157, 105]]); // 640×480, as worked above
    expect(rec.blue_point).toEqual([[500, 250]]); // 1000×1000: continuous (500, 250)
    expect(rec.green_point).toEqual([[500, 500]]); // 1296×968: half of each side
    expect(rec.bbox_img_idx).toBeUndefined();
    const back = fromSpar7m(rec, sizes);
    expect(back.spatial_lens.marks.map((m) => [m.color, m.image])).toEqual([
      ['red', 0],
      ['blue', 2],
      ['green', 1],
    ]);
    expect(toSpar7m(back, sizes)).toStrictEqual(rec);
  });

  it('distance_infer_center_oo_mv indexes points as red, green, blue (draw_marker.py)', () => {
    const it3 = item([point('red', [10, 10], 0), point('blue', [10, 10], 2), point('green', [10, 10], 1)], { task: 'distance_infer_center_oo_mv', image: views });
    const rec = toSpar7m(it3, sizes);
    expect(rec.point_img_idx).toEqual([[0, 1, 2]]);
    expect(fromSpar7m(rec, sizes).spatial_lens.marks.find((m) => m.color === 'blue')!.image).toBe(2);
  });

  it('spatial_imagination_oc_mv indexes boxes as green, blue, red', () => {
    const it3 = item([box('red', [10, 10, 50, 50], 2), box('blue', [10, 10, 50, 50], 1), box('green', [10, 10, 50, 50], 0)], { task: 'spatial_imagination_oc_mv', image: views });
    const rec = toSpar7m(it3, sizes);
    expect(rec.bbox_img_idx).toEqual([[0, 1, 2]]);
    const back = fromSpar7m(rec, sizes);
    expect(Object.fromEntries(back.spatial_lens.marks.map((m) => [m.color, m.image]))).toEqual({ red: 2, blue: 1, green: 0 });
    expect(toSpar7m(back, sizes)).toStrictEqual(rec);
    expect(spar7mIssues(rec)).toEqual([]);
  });

  it('obj_spatial_relation_oo_mv counts only the colours present', () => {
    const it2 = item([box('blue', [10, 10, 50, 50], 1), box('green', [10, 10, 50, 50], 0)], { task: 'obj_spatial_relation_oo_mv', image: views.slice(0, 2) });
    const rec = toSpar7m(it2, sizes);
    expect(rec.bbox_img_idx).toEqual([[1, 0]]);
    expect(spar7mIssues(rec)).toEqual([]);
  });

  it('obj_spatial_relation_oc_mv: all boxes on one image, as SPAR draws them', () => {
    const same = item([box('red', [10, 10, 50, 50], 1), box('blue', [60, 10, 90, 50], 1)], { task: 'obj_spatial_relation_oc_mv', image: views.slice(0, 2) });
    expect(toSpar7m(same, sizes).bbox_img_idx).toEqual([[1, 1]]);
    const split = item([box('red', [10, 10, 50, 50], 0), box('blue', [60, 10, 90, 50], 1)], { task: 'obj_spatial_relation_oc_mv', image: views.slice(0, 2) });
    expect(() => toSpar7m(split, sizes)).toThrow(/on one image/);
    const rec = { ...toSpar7m(same, sizes), bbox_img_idx: [[1]] };
    expect(fromSpar7m(rec, sizes).spatial_lens.marks.map((m) => m.image)).toEqual([1, 1]);
  });

  it('writes no index lists when no mark names its image, and only the kind that does', () => {
    expect(Object.keys(toSpar7m(item([point('red', [1, 1]), box('blue', [1, 1, 5, 5])], { image: views }), sizes))).not.toContain('point_img_idx');
    const rec = toSpar7m(item([point('red', [1, 1], 1), box('blue', [1, 1, 5, 5])], { image: views }), sizes);
    expect(rec.point_img_idx).toEqual([[1]]);
    expect(rec.bbox_img_idx).toBeUndefined();
  });

  it('refuses a mark on an image the item does not have, or an index list too short', () => {
    expect(() => toSpar7m(item([point('red', [1, 1], 3)], { image: views }), sizes)).toThrow(/image 3.*3 image/);
    const rec = toSpar7m(item([point('red', [1, 1], 0), point('blue', [1, 1], 1)], { task: 'depth_prediction_oc_mv', image: views }), sizes);
    expect(() => fromSpar7m({ ...rec, point_img_idx: [[0]] }, sizes)).toThrow(/names no image for the blue point/);
  });
});

describe('errors', () => {
  it('refuses a second mark of the same colour and kind', () => {
    expect(() => toSpar7m(item([point('red', [1, 1]), point('red', [5, 5])]), [S640])).toThrow(/two red point marks.*red_point/);
    expect(() => toSpar7m(item([box('blue', [1, 1, 4, 4]), box('blue', [5, 5, 9, 9])]), [S640])).toThrow(/two blue box marks.*blue_bbox/);
    // one point and one box of a colour are two different SPAR fields
    expect(toSpar7m(item([point('red', [1, 1]), box('red', [5, 5, 9, 9])]), [S640])).toMatchObject({ red_point: [[2, 3]], red_bbox: [[8, 10, 14, 19]] });
  });

  it('refuses a yellow point, a point off its image and a missing size', () => {
    expect(() => toSpar7m(item([point('yellow', [1, 1])]), [S640])).toThrow(/no yellow point/);
    expect(() => toSpar7m(item([point('red', [640, 10])]), [S640])).toThrow(/outside/);
    expect(() => toSpar7m(item([point('red', [1, 1])]), [])).toThrow(/no valid size for image 0/);
  });

  it('clips a box that sticks out of the image', () => {
    expect(toSpar7m(item([box('red', [-3, -1, 641, 480.2])]), [S640]).red_bbox).toEqual([[0, 0, 1000, 1000]]);
  });

  it('refuses records it cannot read faithfully', () => {
    const rec = readmeRecord();
    expect(() => fromSpar7m({ ...rec, conversations: [...rec.conversations, { from: 'human', value: 'and?' }] }, [S640])).toThrow(/single-turn/);
    expect(() => fromSpar7m({ ...rec, task: 'x' }, [S640])).toThrow(/collide/);
    expect(() => fromSpar7m({ ...rec, red_point: [[1, 2, 3]] as unknown as [number, number][] }, [S640])).toThrow(/red_point/);
  });
});

describe('fields', () => {
  it('keeps unknown fields at the top level both ways, and uses imagePaths when given', () => {
    const rec = { ...readmeRecord(), extra: { nested: [1, 2] } };
    const it7 = fromSpar7m(rec, [S640]);
    expect(it7.extra).toEqual({ nested: [1, 2] });
    const out = toSpar7m(it7, [S640], { imagePaths: ['images/543.jpg'] });
    expect(out.image).toEqual(['images/543.jpg']);
    expect(out.extra).toEqual({ nested: [1, 2] });
    expect(out).not.toHaveProperty('spatial_lens');
    expect(out).not.toHaveProperty('task');
  });

  it('keeps every element of a mark list on import (SPAR draws only the first), so export refuses it', () => {
    const rec = { ...readmeRecord(), red_point: [[553, 397], [10, 10]] as [number, number][] };
    expect(spar7mIssues(rec)).toContain('red_point has 2 elements; SPAR draws only the first');
    const it7 = fromSpar7m(rec, [S640]);
    expect(it7.spatial_lens.marks.filter((m) => m.color === 'red')).toHaveLength(2);
    expect(() => toSpar7m(it7, [S640])).toThrow(/two red point marks/);
  });
});

describe('spar7mLines', () => {
  it('writes one record a line and asks only for the sizes of marked images', () => {
    const asked: string[] = [];
    const items = [item([point('red', [100, 50])], { image: ['a.jpg', 'b.jpg'] }), item([], { id: 'scene-a/x/2', image: ['c.jpg'] })];
    const text = spar7mLines(items, (name) => (asked.push(name), S640));
    expect(asked).toEqual(['a.jpg']);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0])).toMatchObject({ id: 'scene-a/depth_oc/0001', red_point: [[157, 105]], type: 'depth_prediction_oc' });
    expect(JSON.parse(lines[1])).toEqual({
      id: 'scene-a/x/2',
      conversations: [
        { from: 'human', value: 'How deep is the chair (red point)?' },
        { from: 'gpt', value: '1.5' },
      ],
      image: ['c.jpg'],
      type: 'depth_prediction_oc',
    });
    expect(spar7mLines([], () => S640)).toBe('');
  });
});

describe('spar7mPath and spar7mFileName', () => {
  it('lays files out as SPAR’s index script reads them', () => {
    expect(spar7mPath('depth_prediction_oo', 'fill')).toBe('qa_jsonl/train/depth_prediction_oo/fill/');
    expect(spar7mPath('spatial_imagination_oo_mv', 'select', 'val')).toBe('qa_jsonl/val/spatial_imagination_oo_mv/select/');
    expect(spar7mPath('depth_prediction_oc', 'sentence')).toBe('qa_jsonl/train/depth_prediction_oc/sentence/');
    // SPAR-7M itself has judge/ (obj_spatial_relation_oo[_mv]/judge/judge_<n>.jsonl in data_jsons)
    expect(spar7mPath('obj_spatial_relation_oo', 'judge')).toBe('qa_jsonl/train/obj_spatial_relation_oo/judge/');
    expect(spar7mPath('hispatial/L1/height', 'fill')).toBe('qa_jsonl/train/hispatial__L1__height/fill/');
    expect(() => spar7mPath('../x', 'fill')).toThrow(/directory/);
    expect(() => spar7mPath('a', 'fill', '../..')).toThrow(/split/);
    expect(spar7mFileName('fill', 76837)).toBe('fill_76837.jsonl');
  });
});

describe('spar7mIssues', () => {
  it('names what SPAR’s drawer would not show or would fail on', () => {
    const base = toSpar7m(item([point('red', [1, 1]), box('blue', [1, 1, 5, 5])]), [S640]);
    expect(spar7mIssues(base)).toEqual(['depth_prediction_oc draws blue_point, which the record lacks', 'depth_prediction_oc does not draw blue_bbox: the model would never see that mark']);
    expect(spar7mIssues({ ...base, type: 'hispatial/L1/height' })[0]).toMatch(/no drawer/);
    expect(spar7mIssues({ ...base, type: 'depth_prediction_oc_mv' })).toContain('depth_prediction_oc_mv needs point_img_idx, which the record lacks');
  });
});
