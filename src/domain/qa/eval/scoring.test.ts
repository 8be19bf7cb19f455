import { describe, expect, it } from 'vitest';
import { isUserError } from '../../errors';
import {
  parseVector3,
  vectorSuccess,
  MRA_TOLERANCES,
  type ScorableItem,
  formatScoreTable,
  parseItems,
  parsePredictions,
  parseQSpatialAnswer,
  parseSparNumber,
  parseViewChange,
  qspatialSuccess,
  scoreItems,
  sparExactMatch,
  sparMra,
  srgptSuccess,
  toCentimetres,
  vciMetric,
  vsiMra,
} from './scoring';

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('sparMra', () => {
  it('has the 10 thresholds numpy gives', () => {
    // python3 -c "import numpy as np; c=np.linspace(.5,.95,int((.95-.5)/.05+2)); print([repr(float(x)) for x in 1-c])"
    // (numpy 2.4.6)
    expect(MRA_TOLERANCES).toEqual([
      0.5, 0.44999999999999996, 0.4, 0.35, 0.30000000000000004, 0.25, 0.19999999999999996, 0.15000000000000002,
      0.10000000000000009, 0.050000000000000044,
    ]);
  });

  it('scores by hand-counted thresholds', () => {
    // target 2.0, pred 2.3 → rel err 0.15 (0.1499999999999999 in doubles) → passes where
    // 1−conf ≥ 0.15, i.e. conf ≤ 0.85: 0.50…0.85 = 8 of 10 → 0.8
    expect(sparMra(2.3, 2.0)).toBe(0.8);
    // target 1.0, pred 1.5 → rel err 0.5 → only conf 0.50 → 0.1
    expect(sparMra(1.5, 1.0)).toBe(0.1);
    // target 1.0, pred 0.6 → rel err 0.4 → conf 0.50, 0.55, 0.60 → 0.3
    expect(sparMra(0.6, 1.0)).toBe(0.3);
    // target 1.0, pred 3 → rel err 2 → none
    expect(sparMra(3, 1.0)).toBe(0);
    expect(sparMra(4.2, 4.2)).toBe(1);
  });

  it('matches numpy at the borderline values', () => {
    // Produced with numpy 2.4.6 by SPAR's own functions:
    //   c = np.linspace(.5, .95, int((.95-.5)/.05 + 2))
    //   e = abs(p-t) if t == 0.0 else abs((p-t)/t); float((e <= 1-c).mean())
    // The exact-decimal answer is given where it differs, to show why the rounding matters.
    const cases: [number, number, number][] = [
      [1.05, 1.0, 1.0], // the benchmark's own edge case: rel err 0.050000000000000044 == last tolerance
      [0.95, 1.0, 1.0],
      [0.85, 1.0, 0.8],
      [1.15, 1.0, 0.8],
      [1.35, 1.0, 0.3], // exact decimals: 0.4 (rel err 0.3500000000000001 > 0.35)
      [2.7, 2.0, 0.3], // exact decimals: 0.4
      [1.8, 1.2, 0.0], // exact decimals: 0.1
      [12, 10, 0.6], // exact decimals: 0.7
      [0.3, 0.4, 0.5], // exact decimals: 0.6
      [1.45, 1.0, 0.2],
      [1.1, 1.0, 0.9],
      [0.9, 1.0, 0.9],
    ];
    for (const [p, t, want] of cases) expect([p, t, sparMra(p, t)]).toEqual([p, t, want]);
  });

  it('uses the absolute error when the target is 0', () => {
    // |0.3 − 0| = 0.3 → 1−conf ≥ 0.3: conf 0.50…0.70 = 5 → 0.5
    expect(sparMra(0.3, 0)).toBe(0.5);
    expect(sparMra(-0.3, 0)).toBe(0.5);
    expect(sparMra(0, 0)).toBe(1);
    // 0.5 → only conf 0.50
    expect(sparMra(0.5, 0)).toBe(0.1);
  });

  it('vsiMra has no zero-target branch and no abs on the target', () => {
    expect(vsiMra(2.3, 2.0)).toBe(0.8);
    expect(vsiMra(0.3, 0)).toBe(0);
    expect(vsiMra(0, 0)).toBe(0);
    // abs(1 − (−1)) / (−1) = −2 passes every threshold, in VSI's code too
    expect(vsiMra(1, -1)).toBe(1);
  });
});

describe('parseSparNumber', () => {
  it('takes the first number, or the last for _mv tasks', () => {
    expect(parseSparNumber('about 1.5 meters, or 2', false)).toBe(1.5);
    expect(parseSparNumber('about 1.5 meters, or 2', true)).toBe(2);
    expect(parseSparNumber('The depth is 3', false)).toBe(3);
    expect(parseSparNumber('1.2.3', false)).toBe(1.2);
  });
  it('skips a number right after ^ and drops signs, as the regex does', () => {
    expect(parseSparNumber('x^2 is 4', false)).toBe(4);
    // "^23": the 2 follows "^" and is skipped, the 3 follows "2" and is taken
    expect(parseSparNumber('10^23', true)).toBe(3);
    expect(parseSparNumber('-0.5', false)).toBe(0.5);
  });
  it('gives null when there is no number', () => {
    expect(parseSparNumber('I cannot tell', false)).toBeNull();
    expect(parseSparNumber('', true)).toBeNull();
  });
});

describe('sparExactMatch', () => {
  it('keeps SPAR quirks', () => {
    expect(sparExactMatch('B', 'B')).toBe(true);
    expect(sparExactMatch('b', 'B')).toBe(true);
    expect(sparExactMatch('', 'C')).toBe(true); // "" in "c"
    expect(sparExactMatch('b. the chair', 'B')).toBe(true); // first character
    expect(sparExactMatch('a', 'A. 0.8')).toBe(true); // substring of the target
    expect(sparExactMatch('The answer is B', 'B')).toBe(false);
    expect(sparExactMatch('C', 'B')).toBe(false);
  });
});

describe('Q-Spatial', () => {
  it('succeeds strictly inside a factor of two', () => {
    expect(qspatialSuccess(200, 100)).toBe(false);
    expect(qspatialSuccess(50, 100)).toBe(false);
    expect(qspatialSuccess(199.9, 100)).toBe(true);
    expect(qspatialSuccess(50.1, 100)).toBe(true);
    expect(qspatialSuccess(0, 100)).toBe(false);
  });
  it('reproduces the notebook case: \\scalar{1} \\distance_unit{meter} against 96 cm', () => {
    const a = parseQSpatialAnswer('…is approximately:\n\n\\scalar{1} \\distance_unit{meter}')!;
    expect(a).toEqual({ value: 1, unit: 'meter' });
    const pred = toCentimetres(a.value, a.unit!);
    expect(pred).toEqual({ cm: 100, known: true });
    expect(qspatialSuccess(pred.cm, 96)).toBe(true);
  });
  it('converts units with the evaluator table; an unknown one is ×1 and flagged', () => {
    expect(toCentimetres(4, 'feet').cm).toBeCloseTo(121.92, 10);
    expect(toCentimetres(2, 'Inches').cm).toBeCloseTo(5.08, 10);
    expect(toCentimetres(15, 'mm').cm).toBeCloseTo(1.5, 10);
    expect(toCentimetres(1.3, 'M')).toEqual({ cm: 130, known: true });
    expect(toCentimetres(3, 'yards')).toEqual({ cm: 3, known: false });
  });
  it('parses the last \\scalar (mean of its numbers) and plain "number unit" answers', () => {
    expect(parseQSpatialAnswer('\\scalar{5} then \\scalar{1.2, 1.4} \\distance_unit{m}')!.value).toBeCloseTo(1.3, 12);
    expect(parseQSpatialAnswer('\\scalar{2}')).toEqual({ value: 2, unit: null });
    expect(parseQSpatialAnswer('\\scalar{} \\distance_unit{m}')).toBeNull();
    expect(parseQSpatialAnswer('It is 1.3 m away')).toEqual({ value: 1.3, unit: 'm' });
    expect(parseQSpatialAnswer('130cm')).toEqual({ value: 130, unit: 'cm' });
    expect(parseQSpatialAnswer('roughly 4 feet.')).toEqual({ value: 4, unit: 'feet' });
    expect(parseQSpatialAnswer('about 2 minutes')).toEqual({ value: 2, unit: null });
    expect(parseQSpatialAnswer('the 2 in front')).toEqual({ value: 2, unit: null });
    expect(parseQSpatialAnswer('no idea')).toBeNull();
  });
});

describe('srgptSuccess', () => {
  it('includes both ends of ±25 %', () => {
    expect(srgptSuccess(1.5, 2)).toBe(true); // 0.75 × 2
    expect(srgptSuccess(2.5, 2)).toBe(true); // 1.25 × 2
    expect(srgptSuccess(1.49, 2)).toBe(false);
    expect(srgptSuccess(2.51, 2)).toBe(false);
    // Doubles, as in Python: 0.75 * 0.4 == 0.30000000000000004 > 0.3
    expect(srgptSuccess(0.3, 0.4)).toBe(false);
  });
});

describe('vciMetric', () => {
  it('reads both the SPAR-Bench and the SPAR-7M prose forms', () => {
    expect(parseViewChange('move_right:0.3,rotate_left:15')).toEqual(new Map([['move_right', 0.3], ['rotate_left', 15]]));
    expect(parseViewChange('move right: 1.2, move up: 0.4, rotate up: 5')).toEqual(
      new Map([['move_right', 1.2], ['move_up', 0.4], ['rotate_up', 5]]),
    );
    expect(parseViewChange('turn a bit')).toBeNull();
    expect(parseViewChange('move_right:far')).toBeNull();
  });

  it('is 1 for the same instruction in either form', () => {
    expect(vciMetric('move_right:0.3,rotate_left:15', 'move right: 0.3, rotate left: 15')).toBe(1);
  });

  it('divides by the prediction, as SPAR passes (gt, pred) into (pred, target)', () => {
    // right−left axis: gt 1.0, pred 2.0 → |1 − 2| / 2 = 0.5 → only conf 0.50 → 0.1;
    // the other 4 axes are 0 against 0 → 1 each; (0.1 + 4) / 5 = 0.82
    expect(vciMetric('move_right:1.0', 'move_right:2.0')).toBeCloseTo(0.82, 12);
    // swapped: |2 − 1| / 1 = 1 → 0; (0 + 4) / 5 = 0.8
    expect(vciMetric('move_right:2.0', 'move_right:1.0')).toBeCloseTo(0.8, 12);
  });

  it('signs the axes and scores an unreadable string 0', () => {
    // forward−backward: gt 1, pred −1 → |1 − (−1)| / |−1| = 2 → 0; others 1 → 0.8
    expect(vciMetric('move_forward:1.0', 'move_backward:1.0')).toBeCloseTo(0.8, 12);
    expect(vciMetric('move_right:1.0', 'I would move right')).toBe(0);
  });
});

describe('parsePredictions', () => {
  it('reads JSONL with the id and prediction key fallbacks; last duplicate wins', () => {
    const text = [
      JSON.stringify({ id: 'a', prediction: '1.2' }),
      '',
      JSON.stringify({ question_id: 7, response: 'B' }),
      JSON.stringify({ qid: 'c', pred: 2 }),
      JSON.stringify({ id: 'd', output: 'x', text: 'y' }),
      JSON.stringify({ id: 'a', answer: '3.4' }),
    ].join('\r\n');
    const p = parsePredictions(text, 'preds.jsonl');
    expect([...p.byId]).toEqual([
      ['a', '3.4'],
      ['7', 'B'],
      ['c', '2'],
      ['d', 'x'],
    ]);
    expect(p).toMatchObject({ records: 5, duplicates: 1, problems: [] });
  });

  it('reads a JSON array', () => {
    const p = parsePredictions(JSON.stringify([{ id: 1, prediction: 'A' }, { id: 2, prediction: 'B' }], null, 2), 'preds.json');
    expect([...p.byId]).toEqual([['1', 'A'], ['2', 'B']]);
  });

  it('collects bad lines with the file name and line number', () => {
    const text = ['{"id":"a","prediction":"1"}', '{not json', '{"prediction":"2"}', '[1,2]', '{"id":"e"}', '{"id":"f","prediction":{"x":1}}'].join('\n');
    const p = parsePredictions(text, 'preds.jsonl');
    expect(p.byId.size).toBe(1);
    expect(p.problems).toHaveLength(5);
    expect(p.problems[0]).toMatch(/^preds\.jsonl line 2: not valid JSON/);
    expect(p.problems[1]).toMatch(/^preds\.jsonl line 3: no usable id/);
    expect(p.problems[2]).toMatch(/^preds\.jsonl line 4: expected a JSON object.*found an array/);
    expect(p.problems[3]).toMatch(/^preds\.jsonl line 5: no prediction for id e/);
    expect(p.problems[4]).toMatch(/^preds\.jsonl line 6: "prediction" for id f is an object/);
  });

  it('refuses a file that cannot be used at all', () => {
    const refuse = (text: string) => {
      try {
        parsePredictions(text, 'p.jsonl');
      } catch (e) {
        expect(isUserError(e)).toBe(true);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refuse('  \n')).toMatch(/^p\.jsonl is empty/);
    expect(refuse('{bad\n{worse')).toMatch(/^p\.jsonl has no usable predictions: 2 records could not be read\. The first: p\.jsonl line 1/);
    expect(refuse('[{"id": 1,')).toMatch(/^p\.jsonl starts with "\[" but is not a valid JSON array/);
    expect(refuse('{\n  "a": "B"\n}')).toMatch(/single JSON object spread over several lines/);
  });
});

describe('parseItems', () => {
  it('reads our items and raw SPAR records, and reports records that are not items', () => {
    const text = jsonl([
      { id: 0, task: 'depth_prediction_oc', answer: '0.9', format_type: 'fill', question: '…' },
      { id: 'x', image: [], task: 't', question: 'q', answer: 'A', spatial_lens: { format: 'select' } },
      { id: 'y', task: 't', question: 'q' },
      { id: 'z', task: 't', answer: '1', spatial_lens: { format: 'essay' } },
    ]);
    const s = parseItems(text, 'items.jsonl');
    expect(s.items.map((i) => String(i.id))).toEqual(['0', 'x']);
    expect(s.problems).toEqual([
      'items.jsonl line 3: not a QA item, it lacks "answer".',
      'items.jsonl line 4: item z has "spatial_lens" without a "format" of fill, select, sentence, judge.',
    ]);
  });
});

// A small mixed set; every figure in `expected` below is worked out by hand in the comments.
const ours = (id: string, task: string, format: string, answer: string, extra: Record<string, unknown> = {}) => ({
  id, image: ['x.jpg'], task, question: '…', answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format, objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: '0', seed: 1 }, ...extra },
});
const ITEMS = [
  ours('a1', 'distance_prediction_oo', 'fill', '2.0', { value: 2.03, unit: 'm' }),
  ours('a2', 'distance_prediction_oo', 'fill', '1.0', { value: 1.0, unit: 'm' }),
  ours('a3', 'distance_prediction_oo', 'fill', '1.2', { value: 1.2, unit: 'm' }),
  ours('a4', 'distance_prediction_oo', 'fill', '1.7', { value: 1.7, unit: 'm' }),
  { id: 7, task: 'obj_spatial_relation_oo', answer: 'B', format_type: 'select' },
  { id: 8, task: 'obj_spatial_relation_oo', answer: 'C', format_type: 'select' },
  { id: 9, task: 'obj_spatial_relation_oo', answer: 'A', format_type: 'select' },
  { id: 10, task: 'obj_spatial_relation_oo', answer: 'D', format_type: 'select' },
  ours('j1', 'left_of', 'judge', 'False', { value: false }),
  ours('j2', 'left_of', 'judge', 'True', { value: true }),
  ours('j3', 'left_of', 'judge', 'True', { value: true }),
  { id: 11, task: 'view_change_infer', answer: 'move_right:1.0,rotate_left:15', format_type: 'fill' },
  ours('n1', 'nearest_object', 'fill', 'Chair', { value: 'chair' }),
  ours('n2', 'nearest_object', 'fill', 'table', { value: 'table' }),
  ours('s1', 'describe_scene', 'sentence', 'A chair stands left of the table.'),
  { id: 12, task: 'depth_prediction_oc_mv', answer: '1.0', format_type: 'fill' },
] as ScorableItem[];
const PREDICTIONS = jsonl([
  { id: 'a1', prediction: '5' },
  { id: 'a1', prediction: '2.3 meters' }, // replaces the one above
  { id: 'a2', prediction: '130 cm' },
  { id: 'a3', prediction: 'I cannot tell' },
  { id: 7, prediction: 'b. the chair' },
  { id: 8, prediction: '' },
  { id: 9, prediction: 'The answer is A' },
  { id: 10, prediction: 'd' },
  { id: 'j1', prediction: 'False, because the lamp is right of it' },
  { id: 'j2', prediction: 'true.' },
  { id: 'j3', prediction: 'No' },
  { id: 11, prediction: 'move right: 2.0, rotate left: 15' },
  { id: 'n1', prediction: ' chair ' },
  { id: 'n2', prediction: 'the table' },
  { id: 's1', prediction: 'There is a chair.' },
  { id: 12, prediction: 'Image 1 is at 3 m, so about 1.05' },
  { id: 'zz1', prediction: '1' },
  { id: 'zz2', prediction: '2' },
]);

describe('scoreItems', () => {
  const report = scoreItems(ITEMS, parsePredictions(PREDICTIONS, 'p.jsonl'));

  it('counts the matches', () => {
    // 18 records, a1 twice → 17 ids; all items but a4 have one → 15 matched; zz1, zz2 match nothing
    expect(report).toMatchObject({ items: 16, predictions: 17, duplicatePredictions: 1, matched: 15, itemsWithoutPrediction: 1, unmatched: { count: 2, first: ['zz1', 'zz2'] } });
  });

  it('scores each task by its rule', () => {
    const row = (task: string) => report.rows.find((r) => r.task === task)!;
    expect(report.rows.map((r) => [r.task, r.kind])).toEqual([
      ['depth_prediction_oc_mv', 'numeric'],
      ['describe_scene', 'free-text'],
      ['distance_prediction_oo', 'numeric'],
      ['left_of', 'choice'],
      ['nearest_object', 'exact'],
      ['obj_spatial_relation_oo', 'choice'],
      ['view_change_infer', 'vci'],
    ]);
    // a1 "2.3 meters" vs 2.0: MRA 0.8 (see above); 230 cm / 200 cm = 1.15 < 2 ✓; 2.3 ≤ 2.5 ✓
    // a2 "130 cm" vs 1.0 m: MRA on bare numbers |130 − 1| / 1 → 0; 130/100 = 1.3 < 2 ✓; 1.3 > 1.25 ✗
    // a3 no number → 0, ✗, ✗; a4 has no prediction
    const d = row('distance_prediction_oo');
    expect(d).toMatchObject({ items: 4, n: 3, missing: 1, noNumber: 1, noTarget: 0, empty: 0 });
    expect(d.mra).toBeCloseTo(0.8 / 3, 12);
    expect(d.qspatial).toBeCloseTo(2 / 3, 12);
    expect(d.srgpt).toBeCloseTo(1 / 3, 12);
    // _mv: last number 1.05 vs 1.0 → MRA 1; 105 cm vs 100 cm ✓; 1.05 within ±25 % ✓
    expect(row('depth_prediction_oc_mv')).toMatchObject({ n: 1, mra: 1, qspatial: 1, srgpt: 1 });
    // 7 "b. the chair" ✓ (first letter), 8 "" ✓ (SPAR quirk), 9 "The answer is A" ✗, 10 "d" ✓ → 3/4
    expect(row('obj_spatial_relation_oo')).toMatchObject({ n: 4, accuracy: 0.75, empty: 1 });
    // j1 "False," → false ✓, j2 "true." → true ✓, j3 "No" ✗ → 2/3
    expect(row('left_of').accuracy).toBeCloseTo(2 / 3, 12);
    // n1 " chair " = "Chair" ✓, n2 "the table" ≠ "table" → 1/2
    expect(row('nearest_object')).toMatchObject({ n: 2, accuracy: 0.5 });
    // right axis: gt 1.0, pred 2.0 → 0.1; four axes 1 → 0.82
    expect(row('view_change_infer').vci).toBeCloseTo(0.82, 12);
    expect(row('describe_scene')).toMatchObject({ items: 1, n: 1, score: null });
  });

  it('averages task scores for overall and the SPAR levels', () => {
    // (1 + 0.8/3 + 2/3 + 0.5 + 0.75 + 0.82) / 6 = 4.00333… / 6 = 0.667222…
    expect(report.overall).toBeCloseTo((1 + 0.8 / 3 + 2 / 3 + 0.5 + 0.75 + 0.82) / 6, 12);
    // Low: depth_prediction_oc_mv 1 and distance_prediction_oo 0.2667 → 0.6333; Middle: vci 0.82;
    // High: obj_spatial_relation_oo 0.75 (left_of and nearest_object are not SPAR ids)
    expect(report.levels!.low).toBeCloseTo((1 + 0.8 / 3) / 2, 12);
    expect(report.levels!.middle).toBeCloseTo(0.82, 12);
    expect(report.levels!.high).toBe(0.75);
  });

  it('prints aligned tables with the figures ×100', () => {
    const text = formatScoreTable(report);
    const cells = (task: string) => text.split('\n').find((l) => l.startsWith(task + ' '))!.trim().split(/\s+/);
    expect(cells('distance_prediction_oo')).toEqual(['distance_prediction_oo', '3', '1', '26.7', '66.7', '33.3', '1']);
    expect(cells('depth_prediction_oc_mv')).toEqual(['depth_prediction_oc_mv', '1', '0', '100.0', '100.0', '100.0', '0']);
    expect(cells('obj_spatial_relation_oo')).toEqual(['obj_spatial_relation_oo', '4', '0', '75.0', '1']);
    expect(cells('left_of')).toEqual(['left_of', '3', '0', '66.7', '0']);
    expect(cells('nearest_object')).toEqual(['nearest_object', '2', '0', '50.0']);
    expect(cells('view_change_infer')).toEqual(['view_change_infer', '1', '0', '82.0']);
    expect(cells('describe_scene')).toEqual(['describe_scene', '1', '1']);
    expect(text).toContain('overall: 66.7 (mean of 6 task scores)');
    expect(text).toContain('SPAR levels: Low 63.3, Middle 82.0, High 75.0');
    expect(text).toContain('empty predictions: 1');
    expect(text).toContain('matched 15 of 17 predictions to the 16 items; 1 item had none');
    expect(text).toContain('2 prediction ids match no item, e.g. zz1, zz2');
    expect(text).toContain('1 prediction repeated an id; the last one was used');
    // Columns line up: figures are right-aligned, so a table's header, rule and rows are equally long.
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.startsWith('task ') && l.includes('MRA'));
    expect(new Set(lines.slice(header, header + 4).map((l) => l.length)).size).toBe(1);
  });

  it('reports predictions whose ids match no item', () => {
    const r = scoreItems(ITEMS, new Map([['nope', '1'], ['A1', '2.0']]));
    expect(r).toMatchObject({ matched: 0, predictions: 2, itemsWithoutPrediction: 16, unmatched: { count: 2, first: ['nope', 'A1'] }, overall: null, levels: null });
    expect(formatScoreTable(r)).toContain('matched 0 of 2 predictions to the 16 items; 16 items had none');
  });

  it('converts a prediction in feet for the success rules and flags an unknown unit', () => {
    const items = [ours('f', 'distance_prediction_oo', 'fill', '1.0', { value: 1.0, unit: 'm' }), ours('u', 'distance_prediction_oo', 'fill', '1.0', { value: 1.0, unit: 'm' })] as ScorableItem[];
    // 4 feet = 121.92 cm: ratio 1.2192 < 2 ✓, 1.2192 m ≤ 1.25 ✓, MRA on 4 vs 1 → 0
    // \distance_unit{yards}: unknown → 90 × 1 cm = 90 cm; 100/90 < 2 ✓, 0.9 m within ±25 % ✓
    const r = scoreItems(items, new Map([['f', '4 feet'], ['u', '\\scalar{90} \\distance_unit{yards}']]));
    expect(r.rows[0]).toMatchObject({ n: 2, mra: 0, qspatial: 1, srgpt: 1, unknownUnit: 1 });
    expect(formatScoreTable(r)).toContain('1 prediction named a unit Q-Spatial does not know');
  });

  it('does not convert counts, and scores a prose numeric answer by its value', () => {
    const items = [
      ours('c', 'count_chairs', 'fill', '4', { value: 4, unit: 'count' }),
      ours('p', 'distance_prediction_oo', 'sentence', 'The 2 chairs are 1.2 meters apart.', { value: 1.2, unit: 'm' }),
    ] as ScorableItem[];
    // "5 m" for a count of 4: no conversion; |5 − 4| / 4 = 0.25 → conf ≤ 0.75 → 6/10
    // "1.2 m" against the value 1.2 (not the "2" in the prose) → 1
    const r = scoreItems(items, new Map([['c', '5 m'], ['p', 'About 1.2 m']]));
    expect(r.rows.find((x) => x.task === 'count_chairs')!.mra).toBe(0.6);
    expect(r.rows.find((x) => x.task === 'distance_prediction_oo')!.mra).toBe(1);
  });
});

describe('3D vector answers', () => {
  it('parses signed triples and judges directions by angle, points by distance share', () => {
    expect(parseVector3('(0.41, -0.12, 2.30)')).toEqual([0.41, -0.12, 2.3]);
    expect(parseVector3('x=1 y=2')).toBeNull();
    // 25° apart: (1, 0, 0) vs (cos 25°, sin 25°, 0) passes; 35° fails
    const at = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180), 0];
    expect(vectorSuccess('hispatial/L2/direction_vector', at(25), [1, 0, 0])).toBe(true);
    expect(vectorSuccess('hispatial/L2/direction_vector', at(35), [1, 0, 0])).toBe(false);
    // point 2 m away: 0.4 m off passes (20 %), 0.6 m off fails (30 %)
    expect(vectorSuccess('hispatial/L1/position', [0, 0, 2.4], [0, 0, 2])).toBe(true);
    expect(vectorSuccess('hispatial/L1/position', [0, 0.6, 2], [0, 0, 2])).toBe(false);
  });

  it('scores our vector items with their own rows', () => {
    const item = (id: string, task: string, value: number[]) => ({ id, task, question: 'q', answer: `(${value.join(', ')})`, image: [], spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', value } }) as never;
    const items = [item('a', 'hispatial/L1/position', [0, 0, 2]), item('b', 'hispatial/L1/position', [1, 0, 1]), item('c', 'hispatial/L2/direction_vector', [0, 0, 1])];
    const r = scoreItems(items, new Map([['a', '(0.1, 0.1, 2.2)'], ['b', '(2, 0, 2)'], ['c', 'about (0.2, 0.1, 0.97)']]));
    const pos = r.rows.find((x) => x.task === 'hispatial/L1/position')!;
    expect(pos.kind).toBe('vector');
    expect(pos.accuracy).toBe(0.5); // a: 0.245 m off of 2 m (12 %) ✓; b: 1.41 m off of 1.41 m ✗
    expect(r.rows.find((x) => x.task === 'hispatial/L2/direction_vector')!.accuracy).toBe(1); // 12.7° off
    expect(formatScoreTable(r)).toContain('3D answers (directions within 30°, points within 25 % of their distance)');
  });
});
