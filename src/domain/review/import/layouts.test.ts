import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../../qa/types';
import type { ItemSource } from '../types';
import { detectLayout, formatFromPath, hasHtml, importRecord, parseOptions, sourceRecord, type ExportReview, type RecordContext } from './layouts';
import { FIXTURES } from '../../../test/reviewFiles';

const fixtureLines = (rel: string) => readFileSync(path.join(FIXTURES, rel), 'utf8').split('\n');
const SENTENCE_FILE = 'spar7m/scannet/qa_jsonl/train/depth_prediction_oc/sentence/sentence_2.jsonl';
/** SPAR's README record, copied unchanged into the fixture's first line. */
const REAL = JSON.parse(fixtureLines(SENTENCE_FILE)[0]);
const GOLDEN = fixtureLines('qa/living-room.jsonl')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as QAItem);

const sparBenchRow = (over: Record<string, unknown> = {}) => ({
  id: 2,
  img_type: 'single_view',
  format_type: 'select',
  task: 'obj_spatial_relation_oo',
  source: 'scannet',
  image: ['sb_2_0.png'],
  question: 'Where is the sofa (red box) relative to the table (blue box)? A. left; B. right; C. in front; D. behind. Answer with the option letter.',
  answer: 'B',
  ...over,
});

const src = (item: QAItem) => item.spatial_lens.source as ItemSource;

describe('importRecord: SPAR-7M', () => {
  it('places the README record’s marks at the right pixels of a 640×480 image', () => {
    // red_point [553, 397]: x = 553/1000·640 = 353.92, y = 397/1000·480 = 190.56 (SPAR's continuous
    // scale); our uv is the OpenCV pixel-centre coordinate, 0.5 less: (353.42, 190.06).
    // blue_point [641, 838]: 410.24, 402.24 → (409.74, 401.74).
    const r = importRecord(REAL, { file: SENTENCE_FILE, line: 1, imageSizes: [{ width: 640, height: 480 }] });
    const [red, blue] = r.item.spatial_lens.marks;
    expect(red).toMatchObject({ kind: 'point', color: 'red' });
    expect(red.uv![0]).toBeCloseTo(353.42, 9);
    expect(red.uv![1]).toBeCloseTo(190.06, 9);
    expect(blue).toMatchObject({ kind: 'point', color: 'blue' });
    expect(blue.uv![0]).toBeCloseTo(409.74, 9);
    expect(blue.uv![1]).toBeCloseTo(401.74, 9);
    expect(r.layout).toBe('spar7m');
    expect(r.appId).toBe(`${SENTENCE_FILE}#scene0261_00_16`);
    expect(r.item.id).toBe('scene0261_00_16');
    expect(r.item.task).toBe('depth_prediction_oc');
    expect(r.item.question).toBe(REAL.conversations[0].value);
    expect(r.item.answer).toBe("towel's central depth is estimated to be about 1.5 meters.");
    // Extra fields stay at the top level, untouched
    expect(r.item.depth).toEqual(['scene0261_00/image_depth/543.png']);
    expect(r.item.spatial_lens.format).toBe('sentence');
    expect(r.item.spatial_lens.scene).toBe('scene0261_00');
    expect(src(r.item)).toEqual({ file: SENTENCE_FILE, line: 1, layout: 'spar7m', id: 'scene0261_00_16', markScale: [{ width: 640, height: 480 }] });
    expect(r.flags).toEqual([]);
  });

  it('reads marks on a 1000×1000 scale when the image size is unknown, and says so in markScale', () => {
    const r = importRecord(REAL, { file: 'x.jsonl', line: 7 });
    expect(r.item.spatial_lens.marks[0].uv).toEqual([552.5, 396.5]);
    expect(src(r.item).markScale).toEqual([{ width: 1000, height: 1000 }]);
    // and exporting gives back the very same integers
    const back = sourceRecord(r.item);
    expect(back.red_point).toEqual([[553, 397]]);
    expect(back.blue_point).toEqual([[641, 838]]);
  });

  it('takes the format from the fill/select/sentence directory, else guesses sentence', () => {
    expect(formatFromPath('spar/scannet/qa_jsonl/train/depth_prediction_oc/fill/fill_76.jsonl')).toBe('fill');
    expect(formatFromPath('select/x/a.jsonl')).toBe('select');
    expect(formatFromPath('fill.jsonl')).toBeUndefined();
    expect(importRecord(REAL, { file: 'a/select/b.jsonl', line: 1 }).item.spatial_lens.format).toBe('select');
    expect(importRecord(REAL, { file: 'b.jsonl', line: 1 }).item.spatial_lens.format).toBe('sentence');
  });

  it('puts multi-view marks on the images point_img_idx names, and flags multi-view', () => {
    const rec = {
      id: 'scene0042_00_8',
      conversations: [
        { from: 'human', value: 'q' },
        { from: 'gpt', value: '3.4' },
      ],
      image: ['a.jpg', 'b.jpg', 'c.jpg'],
      type: 'depth_prediction_oo_mv',
      red_point: [[100, 200]],
      blue_point: [[500, 500]],
      green_point: [[900, 800]],
      point_img_idx: [[0, 2, 1]],
    };
    const sizes = [
      { width: 100, height: 50 },
      { width: 200, height: 100 },
      { width: 400, height: 200 },
    ];
    const r = importRecord(rec, { file: 'q/fill/f.jsonl', line: 1, imageSizes: sizes });
    const byColour = Object.fromEntries(r.item.spatial_lens.marks.map((m) => [m.color, m]));
    // red on image 0 (100×50): 10 − .5, 10 − .5; blue on image 2 (400×200): 200 − .5, 100 − .5;
    // green on image 1 (200×100): 180 − .5, 80 − .5
    expect(byColour.red).toMatchObject({ image: 0, uv: [9.5, 9.5] });
    expect(byColour.blue).toMatchObject({ image: 2, uv: [199.5, 99.5] });
    expect(byColour.green).toMatchObject({ image: 1, uv: [179.5, 79.5] });
    expect(r.flags).toEqual(['multi-view']);
    expect(src(r.item).markScale).toEqual(sizes);
  });

  it('reports a record fromSpar7m cannot read', () => {
    expect(() => importRecord({ ...REAL, conversations: [{ from: 'human', value: 'q' }] }, { file: 'f', line: 2 })).toThrow(/single-turn/);
    expect(() => importRecord({ ...REAL, id: 5 }, { file: 'f', line: 2 })).toThrow(/string id/);
  });
});

describe('importRecord: SPAR-Bench', () => {
  it('keeps the row, turns the int id into the item id and parses the options out of the question', () => {
    const row = sparBenchRow();
    const r = importRecord(row, { file: 'bench/test.jsonl', line: 3 });
    expect(r.layout).toBe('spar-bench');
    expect(r.appId).toBe('bench/test.jsonl#2');
    expect(r.item.id).toBe('2');
    expect(r.item.question).toBe(row.question);
    expect(r.item.spatial_lens.options).toEqual(['A. left', 'B. right', 'C. in front', 'D. behind']);
    expect(r.item.spatial_lens.format).toBe('select');
    expect(r.item).toMatchObject({ img_type: 'single_view', format_type: 'select', source: 'scannet', image: ['sb_2_0.png'], answer: 'B' });
    expect(src(r.item)).toEqual({ file: 'bench/test.jsonl', line: 3, layout: 'spar-bench', id: 2 });
    expect(typeof src(r.item).id).toBe('number');
  });

  it('keeps a view_change_infer answer as it is', () => {
    const r = importRecord(sparBenchRow({ id: 0, format_type: 'fill', task: 'view_change_infer', answer: 'move_right:0.3,rotate_left:15', image: ['a.png', 'b.png'] }), { file: 't.jsonl', line: 1 });
    expect(r.item.answer).toBe('move_right:0.3,rotate_left:15');
    expect(r.item.spatial_lens.options).toBeUndefined();
    expect(r.flags).toEqual(['multi-view']);
    expect(r.appId).toBe('t.jsonl#0');
  });

  it('flags HTML in the text without touching it', () => {
    const q = 'Is the <b>sofa</b> left of the table? A. yes B. no';
    const r = importRecord(sparBenchRow({ question: q }), { file: 't', line: 1 });
    expect(r.item.question).toBe(q);
    expect(r.flags).toContain('html-in-text');
    const s = importRecord(sparBenchRow({ answer: '<script>alert(1)</script>' }), { file: 't', line: 1 });
    expect(s.item.answer).toBe('<script>alert(1)</script>');
    expect(s.flags).toContain('html-in-text');
    expect(hasHtml('is 2 < 3 and 5 > 4?')).toBe(false);
    expect(hasHtml('a <br/> b')).toBe(true);
  });

  it('refuses rows of the wrong shape with a message', () => {
    expect(() => importRecord(sparBenchRow({ format_type: 'essay' }), { file: 't', line: 1 })).toThrow(/format_type/);
    expect(() => importRecord(sparBenchRow({ image: [1] }), { file: 't', line: 1 })).toThrow(/image/);
    expect(() => importRecord(sparBenchRow({ id: null }), { file: 't', line: 1 })).toThrow(/id/);
  });
});

describe('parseOptions', () => {
  it('reads the options our generator writes (golden select item)', () => {
    const sel = GOLDEN.find((g) => g.spatial_lens.format === 'select')!;
    expect(parseOptions(sel.question)).toEqual(sel.spatial_lens.options);
  });
  it('reads one option a line, "(A)" markers, and passes over a stray "A." in the stem', () => {
    expect(parseOptions('Which way?\nA. left\nB. right\nC. up\nD. down\nAnswer with the letter.')).toEqual(['A. left', 'B. right', 'C. up', 'D. down']);
    expect(parseOptions('Pick one: (A) red cup (B) blue cup')).toEqual(['A. red cup', 'B. blue cup']);
    expect(parseOptions('Object A. is near. Options: A. 1.5 m; B. 2.0 m; C. 3.1 m')).toEqual(['A. 1.5 m', 'B. 2.0 m', 'C. 3.1 m']);
    expect(parseOptions('How far is it? The unit is meter.')).toBeUndefined();
  });
});

describe('importRecord: our own QA items', () => {
  it('keeps the item and gains spatial_lens.source', () => {
    const g = GOLDEN[0];
    const r = importRecord(JSON.parse(JSON.stringify(g)), { file: 'qa/living-room.jsonl', line: 1 });
    expect(r.layout).toBe('spatial-lens');
    expect(r.appId).toBe(`qa/living-room.jsonl#${g.id}`);
    const { source, ...rest } = r.item.spatial_lens;
    expect({ ...r.item, spatial_lens: rest }).toEqual(g);
    expect(source).toEqual({ file: 'qa/living-room.jsonl', line: 1, layout: 'spatial-lens', id: g.id });
  });

  it('refuses an unknown major version of the schema, clearly', () => {
    const rec = { ...GOLDEN[0], spatial_lens: { ...GOLDEN[0].spatial_lens, schema: 'spatial-lens/qa@2' } };
    expect(() => detectLayout(rec)).toThrow('spatial_lens.schema is "spatial-lens/qa@2"; this version of Spatial Lens reads spatial-lens/qa@1 only');
    expect(() => detectLayout({ question: 'q' })).toThrow(/not a QA item/);
    expect(() => detectLayout([1, 2])).toThrow(/JSON object/);
  });
});

const REVIEW: ExportReview = { decision: 'accept', reviewer: 'ana', startedAt: '2026-11-23T10:00:00.000Z', decidedAt: '2026-11-23T10:00:11.200Z' };

/** Import, export, import again at the same place: the same item. */
function roundTrip(record: unknown, ctx: RecordContext) {
  const first = importRecord(record, ctx);
  const exported = JSON.parse(JSON.stringify(sourceRecord(first.item)));
  const again = importRecord(exported, ctx);
  return { first, exported, again };
}

describe('sourceRecord: round trips', () => {
  it('SPAR-7M: the record comes back in its own layout and imports to the same item', () => {
    const ctx = { file: SENTENCE_FILE, line: 1, imageSizes: [{ width: 640, height: 480 }] };
    const { first, exported, again } = roundTrip(REAL, ctx);
    // The export is the original SPAR-7M record (plus our spatial_lens)
    const { spatial_lens, ...spar } = exported;
    expect(spar).toEqual(REAL);
    expect(spatial_lens.schema).toBeUndefined();
    expect(again.item).toEqual(first.item);
    expect(again.appId).toBe(first.appId);
    // Also when the image has gone missing meanwhile: the recorded markScale is used
    const lost = importRecord(exported, { file: SENTENCE_FILE, line: 1 });
    expect(lost.item).toEqual(first.item);
  });

  it('SPAR-7M multi-view boxes come back at the same integers', () => {
    const rec = JSON.parse(fixtureLines('spar7m/scannet/qa_jsonl/train/obj_spatial_relation_oo_mv/select/select_1.jsonl')[0]);
    const ctx = { file: 'spar7m/scannet/qa_jsonl/train/obj_spatial_relation_oo_mv/select/select_1.jsonl', line: 1, imageSizes: [{ width: 320, height: 240 }, { width: 320, height: 240 }] };
    const { first, exported, again } = roundTrip(rec, ctx);
    // red_bbox [100, 100, 400, 600] on image 0 (320×240) → [32, 24, 128, 144]
    expect(first.item.spatial_lens.marks[0]).toEqual({ kind: 'box', color: 'red', box: [32, 24, 128, 144], image: 0 });
    expect(first.item.spatial_lens.options).toEqual(['A. left', 'B. right']);
    expect(first.item.spatial_lens.format).toBe('select');
    expect(exported.red_bbox).toEqual(rec.red_bbox);
    expect(exported.blue_bbox).toEqual(rec.blue_bbox);
    expect(exported.bbox_img_idx).toEqual(rec.bbox_img_idx);
    expect(again.item).toEqual(first.item);
  });

  it('SPAR-7M mark lists of more than one element come back whole', () => {
    const rec = { ...REAL, red_point: [[553, 397], [10, 990]], blue_point: [[641, 838]] };
    const { first, exported, again } = roundTrip(rec, { file: 'a.jsonl', line: 1, imageSizes: [{ width: 640, height: 480 }] });
    expect(first.item.spatial_lens.marks.map((m) => m.color)).toEqual(['red', 'red', 'blue']);
    expect(exported.red_point).toEqual([[553, 397], [10, 990]]);
    expect(exported.blue_point).toEqual([[641, 838]]);
    expect(again.item).toEqual(first.item);
  });

  it('SPAR-Bench: the row comes back with its numeric id and file names, and imports to the same item', () => {
    const ctx = { file: 'bench/test.jsonl', line: 3 };
    const { first, exported, again } = roundTrip(sparBenchRow(), ctx);
    const { spatial_lens, ...row } = exported;
    expect(row).toEqual(sparBenchRow());
    expect(Object.keys(row)).toEqual(['id', 'img_type', 'format_type', 'task', 'source', 'image', 'question', 'answer']);
    expect(spatial_lens.options).toEqual(['A. left', 'B. right', 'C. in front', 'D. behind']);
    expect(again.item).toEqual(first.item);
    expect(again.appId).toBe('bench/test.jsonl#2');
  });

  it('our layout: the QA item itself, and the same item again', () => {
    for (const [i, g] of GOLDEN.entries()) {
      const { first, exported, again } = roundTrip(g, { file: 'qa.jsonl', line: i + 1 });
      expect(exported).toEqual(first.item);
      expect(again.item).toEqual(first.item);
    }
  });

  it('a fixed SPAR-7M item exports the fixed answer as the gpt turn and the original under review', () => {
    const r = importRecord(REAL, { file: SENTENCE_FILE, line: 1, imageSizes: [{ width: 640, height: 480 }] });
    const fixed = 'About 1.4 meters.';
    const review: ExportReview = { ...REVIEW, decision: 'fix', reasons: ['factual-inconsistency'], edits: { answer: [r.item.answer, fixed] } };
    const out = JSON.parse(JSON.stringify(sourceRecord(r.item, review)));
    expect(out.conversations).toEqual([REAL.conversations[0], { from: 'gpt', value: fixed }]);
    expect(out.id).toBe('scene0261_00_16');
    expect(out.red_point).toEqual([[553, 397]]);
    expect(out.spatial_lens.review).toEqual({
      schema: 'spatial-lens/review@1',
      decision: 'fix',
      reasons: ['factual-inconsistency'],
      edits: { answer: [REAL.conversations[1].value, fixed] },
      reviewer: 'ana',
      startedAt: REVIEW.startedAt,
      decidedAt: REVIEW.decidedAt,
      original: { answer: REAL.conversations[1].value },
    });
    // Imported again (even from another file, as an export's items/spar7m.jsonl): the item as it was
    // imported the first time, under its first app id, and the review handed out to become a decision
    const again = importRecord(out, { file: 'export/items/spar7m.jsonl', line: 9 });
    expect(again.appId).toBe(r.appId);
    expect(again.review).toEqual(out.spatial_lens.review);
    expect(again.item).toEqual(r.item);
  });

  it('a fixed SPAR-Bench item: fixed answer and options, originals under review; the question stays', () => {
    const r = importRecord(sparBenchRow(), { file: 'b.jsonl', line: 1 });
    const opts = r.item.spatial_lens.options!;
    const newOpts = ['A. left', 'B. right', 'C. in front', 'D. on top'];
    const review: ExportReview = { ...REVIEW, decision: 'fix', edits: { answer: ['B', 'A'], options: [opts, newOpts] } };
    const out = JSON.parse(JSON.stringify(sourceRecord(r.item, review)));
    expect(out.id).toBe(2);
    expect(out.answer).toBe('A');
    expect(out.question).toBe(sparBenchRow().question);
    expect(out.spatial_lens.options).toEqual(newOpts);
    expect(out.spatial_lens.review.original).toEqual({ answer: 'B', options: opts });
    const again = importRecord(out, { file: 'elsewhere.jsonl', line: 7 });
    // the originals come back as the item; the fix comes back as the decision
    expect(again.appId).toBe(r.appId);
    expect(again.item).toEqual(r.item);
    expect(again.review).toMatchObject({ decision: 'fix', edits: { answer: ['B', 'A'], options: [opts, newOpts] } });
  });

  it('a reviewed item of our layout: review under spatial_lens.review, given original kept', () => {
    const r = importRecord(GOLDEN[0], { file: 'q.jsonl', line: 1 });
    const item = { ...r.item, answer: '4.0' };
    const out = sourceRecord(item, { ...REVIEW, decision: 'fix', original: { answer: '4.5' } }) as QAItem;
    expect(out.answer).toBe('4.0');
    expect((out.spatial_lens.review as { original: unknown }).original).toEqual({ answer: '4.5' });
    expect(out.spatial_lens.schema).toBe('spatial-lens/qa@1');
    const rej = sourceRecord(r.item, { ...REVIEW, decision: 'reject', reasons: ['vague-stem'], comment: 'unclear' }) as QAItem;
    expect(rej.answer).toBe(GOLDEN[0].answer);
    expect(rej.spatial_lens.review).toMatchObject({ decision: 'reject', reasons: ['vague-stem'], comment: 'unclear' });
    expect((rej.spatial_lens.review as object as { original?: unknown }).original).toBeUndefined();
  });
});
