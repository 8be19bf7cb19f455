import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCocoAnnotations } from './coco';
import { COCO80_NAMES, COCO_CATEGORIES, coco80IndexById, cocoIdByIndex, cocoNameById } from './cocoCategories';
import { compressCounts } from './rle';
import type { ImportProblem } from './types';

const REAL = path.resolve(import.meta.dirname, '../../../../shared/data/coco/coco_annotations.txt');
const CATS_IMAGE = { name: '000000039769.png', width: 640, height: 480 };

const errors = (ps: ImportProblem[]) => ps.filter((p) => p.severity === 'error');
const warnings = (ps: ImportProblem[]) => ps.filter((p) => p.severity === 'warning');
const problemFor = (ps: ImportProblem[], where: string) => ps.filter((p) => p.where === where);

describe('COCO categories', () => {
  it('has the 80 instance categories with their original ids and the detector order', () => {
    expect(COCO_CATEGORIES).toHaveLength(80);
    expect(new Set(COCO_CATEGORIES.map((c) => c.id)).size).toBe(80);
    expect(COCO_CATEGORIES[0]).toEqual({ id: 1, name: 'person', supercategory: 'person' });
    expect(COCO_CATEGORIES[79]).toEqual({ id: 90, name: 'toothbrush', supercategory: 'indoor' });
    // Ids COCO planned but never annotated.
    for (const gap of [12, 26, 29, 30, 45, 66, 68, 69, 71, 83]) expect(cocoNameById(gap)).toBeUndefined();
    expect([17, 63, 65, 75].map(cocoNameById)).toEqual(['cat', 'couch', 'bed', 'remote']);
    expect(COCO80_NAMES).toHaveLength(80);
    expect([0, 15, 57, 59, 62, 79].map((i) => COCO80_NAMES[i])).toEqual(['person', 'cat', 'couch', 'bed', 'tv', 'toothbrush']);
    expect(coco80IndexById(17)).toBe(15);
    expect(cocoIdByIndex(57)).toBe(63);
  });
});

describe('the real annotations of COCO image 39769 (a bare list)', () => {
  const json = JSON.parse(readFileSync(REAL, 'utf8'));

  it('imports 6 annotations for the one image, cat ×2, couch, bed, remote ×2', () => {
    const r = parseCocoAnnotations(json, [CATS_IMAGE]);
    expect(r.total).toBe(6);
    expect(errors(r.problems)).toEqual([]);
    // The only warning says how a list without file names was matched to the image.
    expect(warnings(r.problems)).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/bare list.*image_id 39769 → "000000039769.png"/);
    expect([...r.byImage.keys()]).toEqual(['000000039769.png']);
    const anns = r.byImage.get('000000039769.png')!;
    expect(anns.map((a) => a.category).sort()).toEqual(['bed', 'cat', 'cat', 'couch', 'remote', 'remote']);
    const cats = anns.filter((a) => a.category === 'cat');
    expect(cats.map((a) => a.id)).toEqual(['2190839', '2190842']);
    expect(cats.map((a) => a.bbox)).toEqual([
      [17.5, 54.38, 301.25, 415.0],
      [347.5, 25.63, 292.5, 343.75],
    ]);
    const bed = anns.find((a) => a.category === 'bed')!;
    expect(bed).toMatchObject({ id: '1612051', categoryId: 65, bbox: [1.07, 1.18, 638.93, 477.85], iscrowd: false, source: 'annotated' });
    expect(bed.segmentation?.polygons).toEqual([[1.07, 1.18, 640.0, 3.33, 638.93, 472.59, 4.3, 479.03]]);
    expect(r.categories.get(17)).toBe('cat');
  });

  it('goes to the only image provided even when its name has another number, and says so', () => {
    const r = parseCocoAnnotations(json, [{ name: 'living-room.jpg', width: 640, height: 480 }]);
    expect(r.byImage.get('living-room.jpg')).toHaveLength(6);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'warning', where: 'living-room.jpg' });
    expect(r.problems[0].message).toMatch(/only image provided/);
  });

  it('with several images, matches the one whose name carries the id and imports nothing else', () => {
    const r = parseCocoAnnotations(json, [{ name: 'other.jpg', width: 10, height: 10 }, CATS_IMAGE]);
    expect([...r.byImage.keys()]).toEqual(['000000039769.png']);
    expect(errors(r.problems)).toEqual([]);
  });

  it('reports the image once, not once per annotation, when it was not provided', () => {
    const r = parseCocoAnnotations(json, [
      { name: 'a.jpg', width: 10, height: 10 },
      { name: 'b.jpg', width: 10, height: 10 },
    ]);
    expect(r.byImage.size).toBe(0);
    const missing = problemFor(r.problems, 'image_id 39769');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error' });
    expect(missing[0].message).toMatch(/^6 annotations are for image_id 39769/);
  });
});

describe('not a COCO instances file', () => {
  it.each([
    ['a number', 42],
    ['null', null],
    ['an object without annotations', { images: [], info: {} }],
    ['a string', 'hello'],
  ])('%s', (_, json) => {
    const r = parseCocoAnnotations(json, [CATS_IMAGE]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ where: 'file', severity: 'error' });
    expect(r.problems[0].message).toMatch(/^Not a COCO instances file: expected /);
    expect(r.byImage.size).toBe(0);
    expect(r.total).toBe(0);
  });

  it('a panoptic file is named as such', () => {
    const r = parseCocoAnnotations({ annotations: [{ image_id: 1, file_name: 'x.png', segments_info: [] }] }, [CATS_IMAGE]);
    expect(r.problems).toEqual([{ where: 'file', severity: 'error', message: expect.stringMatching(/COCO panoptic file/) }]);
  });

  it('an empty annotation list', () => {
    const r = parseCocoAnnotations({ images: [], annotations: [], categories: [] }, [CATS_IMAGE]);
    expect(r.problems).toEqual([{ where: 'file', severity: 'error', message: expect.stringMatching(/no annotations/) }]);
  });
});

describe('a full COCO file with every kind of problem', () => {
  const W = 640, H = 480;
  const box = [10, 20, 30, 40];
  const square = [[100, 100, 140, 100, 140, 130, 100, 130]];
  const ann = (id: number | string, extra: Record<string, unknown> = {}) => ({
    id, image_id: 1, category_id: 17, bbox: box, segmentation: square, area: 1200, iscrowd: 0, ...extra,
  });
  // Uncompressed: column-major, 10 zeros, 5 ones, rest zeros over 480·640 = 307200 pixels.
  const rleCounts = [10, 5, 307185];
  const file = {
    images: [
      { id: 1, file_name: 'scenes/000000039769.jpg', width: W, height: H }, // provided as .png: same stem
      { id: 2, file_name: 'kitchen.jpg', width: 800, height: 600 },
      { id: 3, file_name: 'bedroom.jpg', width: 800, height: 600 },
      { id: 4, file_name: 'Hall.jpg', width: 800, height: 600 }, // provided as hall.jpg: case differs
    ],
    categories: [{ id: 17, name: 'cat', supercategory: 'animal' }, { id: 63, name: 'couch', supercategory: 'furniture' }],
    annotations: [
      ann(1),
      ann(2, { category_id: 63, iscrowd: 1, segmentation: { size: [H, W], counts: rleCounts } }),
      ann(3, { segmentation: { size: [H, W], counts: compressCounts(rleCounts) } }),
      ann(4, { category_id: 99 }),
      ann(5, { bbox: [10, 10, Number.NaN, 5] }),
      ann(6, { bbox: [10, 10, 0, 5] }),
      ann(7, { bbox: [10, 10, 5, -5] }),
      ann(8, { bbox: [600, 400, 100, 100] }),
      ann(9, { bbox: [-20, 30, 50, 10] }),
      ann(10, { bbox: [700, 10, 5, 5] }),
      ann(11, { bbox: [10, -50, 5, 20] }),
      ann(12, { segmentation: { size: [H / 2, W / 2], counts: [0, 76800] } }),
      ann(13, { segmentation: { size: [H, W], counts: [10, 5, 10] } }),
      ann(14, { segmentation: [[0, 0, 40, 40, 40, 0, 0, 40]] }),
      ann(15, { segmentation: [[0, 0, 40, 40]] }),
      ann(1, { category_id: 63 }),
      ann(16, { image_id: 2 }),
      ann(17, { image_id: 2 }),
      ann(18, { image_id: 3 }),
      ann(19, { image_id: 4 }),
      ann(20, { image_id: 77 }),
      ann(21, { bbox: undefined, segmentation: [[5, 6, 25, 6, 25, 16]] }),
      ann(22, { segmentation: [] }),
      'not an annotation',
      ann(23, { bbox: 'wide' }),
      ann(24, { segmentation: [[0, 0, 40, 0, 40, 40, 0, 40], [1, 1, 2, 2]] }),
      ann(25, { segmentation: { polygons: [] } }),
    ],
  };
  const images = [
    { name: '000000039769.png', width: W, height: H },
    { name: 'kitchen.jpg', width: 800, height: 600 },
    { name: 'hall.jpg', width: 800, height: 600 },
  ];
  const r = parseCocoAnnotations(file, images);
  const only = (where: string) => {
    const ps = problemFor(r.problems, where);
    expect(ps, `problems at ${where}: ${JSON.stringify(r.problems)}`).toHaveLength(1);
    return ps[0];
  };
  const kept = (name: string) => (r.byImage.get(name) ?? []).map((a) => a.id);

  it('keeps every valid annotation, on the image its file_name names', () => {
    expect(r.total).toBe(file.annotations.length);
    expect(kept('000000039769.png')).toEqual(['1', '2', '3', '8', '9', '14', '21', '22', '24']);
    expect(kept('kitchen.jpg')).toEqual(['16', '17']);
    expect(r.byImage.has('hall.jpg')).toBe(false);
    expect(r.categories).toEqual(new Map([[17, 'cat'], [63, 'couch']]));
  });

  it('converts fields: id as a string, category name and id, iscrowd, RLE kept as given', () => {
    const byId = new Map(r.byImage.get('000000039769.png')!.map((a) => [a.id, a]));
    expect(byId.get('1')).toEqual({
      id: '1', category: 'cat', categoryId: 17, bbox: [10, 20, 30, 40], segmentation: { polygons: square }, iscrowd: false, source: 'annotated',
    });
    expect(byId.get('2')).toMatchObject({ category: 'couch', categoryId: 63, iscrowd: true, segmentation: { rle: { size: [H, W], counts: rleCounts } } });
    expect(byId.get('3')!.segmentation).toEqual({ rle: { size: [H, W], counts: compressCounts(rleCounts) } });
    expect(byId.get('22')!.segmentation).toBeUndefined();
  });

  it('unknown category id: error, skipped', () => {
    expect(only('annotation 4')).toMatchObject({ severity: 'error', message: expect.stringMatching(/Unknown category_id 99/) });
  });

  it('bbox with non-finite values or no extent: error, skipped', () => {
    expect(only('annotation 5')).toMatchObject({ severity: 'error', message: expect.stringMatching(/not four finite numbers/) });
    expect(only('annotation 6')).toMatchObject({ severity: 'error', message: expect.stringMatching(/zero or negative width or height/) });
    expect(only('annotation 7')).toMatchObject({ severity: 'error', message: expect.stringMatching(/zero or negative/) });
    expect(only('annotation 23')).toMatchObject({ severity: 'error', message: expect.stringMatching(/not four finite numbers/) });
  });

  it('bbox partly outside: warning, clipped to the image', () => {
    expect(only('annotation 8')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/clipped to \[600, 400, 40, 80\]/) });
    const anns = new Map(r.byImage.get('000000039769.png')!.map((a) => [a.id, a]));
    expect(anns.get('8')!.bbox).toEqual([600, 400, 40, 80]);
    expect(only('annotation 9').severity).toBe('warning');
    expect(anns.get('9')!.bbox).toEqual([0, 30, 30, 10]);
  });

  it('bbox entirely outside: error', () => {
    expect(only('annotation 10')).toMatchObject({ severity: 'error', message: expect.stringMatching(/entirely outside the 640×480 image/) });
    expect(only('annotation 11').severity).toBe('error');
  });

  it("RLE of another size than the image, or whose runs do not cover it: error", () => {
    expect(only('annotation 12')).toMatchObject({ severity: 'error', message: expect.stringMatching(/320×240 .* is 640×480/) });
    expect(only('annotation 13')).toMatchObject({ severity: 'error', message: expect.stringMatching(/add up to 25 pixels/) });
  });

  it('self-intersecting polygon: warning, kept', () => {
    expect(only('annotation 14')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/crosses itself/) });
  });

  it('polygon with fewer than 3 points: error when it is the only one, dropped with a warning beside others', () => {
    expect(only('annotation 15')).toMatchObject({ severity: 'error', message: expect.stringMatching(/fewer than 3 points/) });
    expect(only('annotation 24')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/Polygon 2 has fewer than 3 points/) });
    const a24 = r.byImage.get('000000039769.png')!.find((a) => a.id === '24')!;
    expect(a24.segmentation!.polygons).toEqual([[0, 0, 40, 0, 40, 40, 0, 40]]);
  });

  it('duplicate ids: error for the later one, the first kept', () => {
    expect(only('annotation 1')).toMatchObject({ severity: 'error', message: expect.stringMatching(/Duplicate annotation id 1 .*later one was skipped/) });
    expect(r.byImage.get('000000039769.png')!.find((a) => a.id === '1')!.category).toBe('cat');
  });

  it('images not provided are listed once each, with their annotation counts', () => {
    expect(only('bedroom.jpg')).toMatchObject({ severity: 'error', message: expect.stringMatching(/^1 annotation is for image "bedroom.jpg" \(image_id 3\), which was not provided/) });
    // Names are matched case-sensitively.
    expect(only('Hall.jpg').severity).toBe('error');
    expect(only('image_id 77')).toMatchObject({ severity: 'error', message: expect.stringMatching(/images list does not have/) });
    expect(problemFor(r.problems, 'kitchen.jpg')).toEqual([]);
  });

  it('a missing bbox is taken from the segmentation', () => {
    const a21 = r.byImage.get('000000039769.png')!.find((a) => a.id === '21')!;
    expect(a21.bbox).toEqual([5, 6, 20, 10]);
  });

  it('other malformed entries are reported, nothing else', () => {
    expect(only('annotation #24')).toMatchObject({ severity: 'error', message: expect.stringMatching(/a string, not an annotation object/) });
    expect(only('annotation 25')).toMatchObject({ severity: 'error', message: expect.stringMatching(/neither a list of polygons nor an RLE/) });
    const accounted = new Set([
      'annotation 1', 'annotation 4', 'annotation 5', 'annotation 6', 'annotation 7', 'annotation 8', 'annotation 9', 'annotation 10',
      'annotation 11', 'annotation 12', 'annotation 13', 'annotation 14', 'annotation 15', 'annotation 23', 'annotation 24',
      'annotation 25', 'annotation #24', 'bedroom.jpg', 'Hall.jpg', 'image_id 77',
    ]);
    expect(r.problems.filter((p) => !accounted.has(p.where))).toEqual([]);
  });
});

describe('other file layouts', () => {
  it('a full file without an images list matches by the number in the image names', () => {
    const r = parseCocoAnnotations(
      { annotations: [{ id: 1, image_id: 39769, category_id: 17, bbox: [1, 2, 3, 4] }], categories: [{ id: 17, name: 'cat' }] },
      [CATS_IMAGE, { name: '000000000139.jpg', width: 640, height: 426 }],
    );
    expect(r.byImage.get('000000039769.png')?.map((a) => a.id)).toEqual(['1']);
    expect(errors(r.problems)).toEqual([]);
  });

  it("a full file without categories falls back to COCO's 80, with a warning", () => {
    const r = parseCocoAnnotations(
      { images: [{ id: 5, file_name: '000000039769.png', width: 640, height: 480 }], annotations: [{ id: 1, image_id: 5, category_id: 65, bbox: [1, 2, 3, 4] }] },
      [CATS_IMAGE],
    );
    expect(r.byImage.get('000000039769.png')![0].category).toBe('bed');
    expect(r.problems).toEqual([{ where: 'categories', severity: 'warning', message: expect.stringMatching(/no "categories" list/) }]);
  });

  it('a COCO image size that differs from the loaded image is a warning', () => {
    const r = parseCocoAnnotations(
      { images: [{ id: 5, file_name: 'x.jpg', width: 1280, height: 960 }], annotations: [{ id: 1, image_id: 5, category_id: 17, bbox: [1, 2, 3, 4] }], categories: [{ id: 17, name: 'cat' }] },
      [{ name: 'x.jpg', width: 640, height: 480 }],
    );
    expect(r.byImage.get('x.jpg')).toHaveLength(1);
    expect(r.problems).toEqual([{ where: 'x.jpg', severity: 'warning', message: expect.stringMatching(/1280×960 .* 640×480/) }]);
  });
});

describe('scale', () => {
  it('parses and validates 100,000 annotations (boxes and small polygons) in well under 2 s', () => {
    const W = 1920, H = 1080;
    const nImages = 50;
    const images = Array.from({ length: nImages }, (_, k) => ({ name: `img${k}.jpg`, width: W, height: H }));
    const annotations = [];
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 100_000; i++) {
      const x = rand() * (W - 100), y = rand() * (H - 100), w = 5 + rand() * 90, h = 5 + rand() * 90;
      const a: Record<string, unknown> = { id: i + 1, image_id: i % nImages, category_id: 1 + (i % 11), bbox: [x, y, w, h], area: w * h, iscrowd: 0 };
      if (i % 2 === 0) {
        const n = 4 + (i % 5);
        const poly: number[] = [];
        for (let k = 0; k < n; k++) {
          const t = (2 * Math.PI * k) / n;
          poly.push(x + w / 2 + (w / 2) * Math.cos(t), y + h / 2 + (h / 2) * Math.sin(t));
        }
        a.segmentation = [poly];
      }
      annotations.push(a);
    }
    const file = {
      images: images.map((im, k) => ({ id: k, file_name: im.name, width: W, height: H })),
      categories: COCO_CATEGORIES,
      annotations,
    };
    const progress: number[] = [];
    const t0 = performance.now();
    const r = parseCocoAnnotations(file, images, (done, total) => {
      expect(total).toBe(100_000);
      progress.push(done);
    });
    const ms = performance.now() - t0;
    console.log(`parseCocoAnnotations: 100,000 annotations in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
    expect(r.problems).toEqual([]);
    expect([...r.byImage.values()].reduce((s, l) => s + l.length, 0)).toBe(100_000);
    expect(progress.length).toBeGreaterThanOrEqual(90);
    expect(progress.length).toBeLessThanOrEqual(110);
    expect(progress.at(-1)).toBe(100_000);
  });
});
