import { describe, expect, it } from 'vitest';
import { furnishedRoom } from '../../../test/qaRooms';
import { livingRoom } from '../../../test/qaScenes';
import { TAMPERINGS, type Tampering, tamper } from '../../../test/tamper';
import { generateQA } from '../generate/generate';
import { makeItem } from '../generate/recompute';
import { QA_SCHEMA, type QAItem } from '../types';
import { byRisk, formatAuditSummary, riskOf } from './findings';
import { auditItems, isGenerated } from './items';

const codes = (it: QAItem, opts = {}) => auditItems([it], opts).audits[0].findings.map((f) => `${f.severity}:${f.code}`);

/** An imported-looking item (no generator params): only the generic checks apply. */
function imported(over: Partial<QAItem> & { sl?: Partial<QAItem['spatial_lens']> } = {}): QAItem {
  const { sl, ...rest } = over;
  return {
    id: 'x1',
    image: ['a.png'],
    task: 'depth_prediction_oo',
    question: 'What is the depth difference between the chair (red point) and the lamp (blue point)? A. 0.5; B. 1.2; C. 2.6; D. 5.5.',
    answer: 'B',
    ...rest,
    spatial_lens: { schema: QA_SCHEMA, format: 'select', options: ['A. 0.5', 'B. 1.2', 'C. 2.6', 'D. 5.5'], objects: [], marks: [], evidence: {}, scene: '', generator: { name: 'spatial-lens', version: 'import:spar-bench', seed: 0 }, ...sl },
  };
}

describe('checks any item gets', () => {
  it('passes a well-formed imported item and reads answers by their format', () => {
    expect(codes(imported())).toEqual([]);
    expect(codes(imported({ answer: 'E' }))).toEqual(['error:answer-letter']);
    expect(codes(imported({ answer: 'the second' }))).toEqual(['error:answer-letter']);
    expect(codes(imported({ sl: { options: undefined } }))).toEqual(['error:no-options']);
    expect(codes(imported({ sl: { options: ['A. 0.5', 'B. 0.5'] } }))).toContain('error:duplicate-options');
    expect(codes(imported({ answer: 'maybe', sl: { format: 'judge', options: undefined } }))).toEqual(['error:answer-judge']);
    expect(codes(imported({ answer: 'about a metre', sl: { format: 'fill', options: undefined } }))).toEqual(['error:answer-number']);
    expect(codes(imported({ answer: '-1.2', sl: { format: 'fill', options: undefined } }))).toEqual(['error:answer-implausible']);
    expect(codes(imported({ task: 'view_change_infer', answer: 'move_right:0.3,rotate_left:15', sl: { format: 'fill', options: undefined } }))).toEqual([]);
    expect(codes(imported({ task: 'view_change_infer', answer: 'turn a bit', sl: { format: 'fill', options: undefined } }))).toEqual(['error:answer-vci']);
    expect(codes(imported({ task: 'obj_spatial_relation_oo', answer: 'left, , behind', sl: { format: 'fill', options: undefined } }))).toEqual([]);
    expect(codes(imported({ task: 'obj_spatial_relation_oo', answer: 'up, left', sl: { format: 'fill', options: undefined } }))).toEqual(['warn:answer-relation']);
    expect(codes(imported({ question: ' ' }))).toContain('error:no-question');
  });

  it('holds the numbers to each other: answer, right option, stored value, a statement’s claim', () => {
    // SPAR-Bench's rule: a wrong option within 50 % of the answer earns MRA credit
    expect(codes(imported({ sl: { options: ['A. 0.5', 'B. 1.2', 'C. 1.7', 'D. 5.5'] } }))).toEqual(['warn:option-within-rule']);
    // 1.2 × 1.52 = 1.824: beyond 50 %, by less than 5 % of it
    expect(codes(imported({ sl: { options: ['A. 0.5', 'B. 1.2', 'C. 1.82', 'D. 5.5'] } }))).toEqual(['warn:option-near-rule']);
    expect(codes(imported({ sl: { value: 1.26 } }))).toEqual(['error:answer-value']);
    expect(codes(imported({ sl: { value: 1.24 } }))).toEqual([]);
    expect(codes(imported({ answer: '2.7', sl: { format: 'fill', options: undefined, value: 1.8 } }))).toEqual(['error:answer-value']);
    expect(codes(imported({ answer: 'The lamp is about 2.7 meters away.', sl: { format: 'sentence', options: undefined, value: 1.8 } }))).toEqual(['error:answer-value']);
    const statement = { task: 'hispatial/L2/distance', question: 'True or false: The chair and the lamp are over 1.20 meters apart. Answer True or False.', sl: { format: 'judge' as const, options: undefined, value: 1.8 } };
    expect(codes(imported({ ...statement, answer: 'True' }))).toEqual([]);
    expect(codes(imported({ ...statement, answer: 'False' }))).toEqual(['error:judge-value']);
    // 1.20 against 1.55: 22.6 % off, within the 25 % rule
    expect(codes(imported({ ...statement, answer: 'False', sl: { ...statement.sl, value: 1.55 } }))).toEqual(['error:judge-value', 'error:claim-within-rule']);
    expect(codes(imported({ task: 'depth_prediction_oc', question: 'The table (red point) is at a depth of 3.0 meters. Estimate the depth of the TV (blue point).', answer: '3.0', sl: { format: 'fill', options: undefined } }))).toEqual(['warn:answer-in-question']);
  });

  it('checks marks against the item’s images, and relation offsets near 0.1 m', () => {
    const size = { imageSize: () => ({ width: 640, height: 480 }) };
    const point = (uv: [number, number], image = 0) => imported({ sl: { marks: [{ kind: 'point', color: 'red', uv, image }, { kind: 'point', color: 'blue', uv: [10, 10] }] } });
    expect(codes(point([639, 479]), size)).toEqual([]);
    expect(codes(point([700, 20]), size)).toEqual(['error:mark-outside']);
    expect(codes(point([700, 20]))).toEqual([]); // size unknown: nothing to say
    expect(codes(point([10, 10], 1), size)).toEqual(['error:mark-image']);
    expect(codes(imported({ sl: { marks: [{ kind: 'point', color: 'red', uv: [5, 5] }] } }))).toEqual(['warn:mark-missing']); // no blue point
    expect(codes(imported({ sl: { marks: [{ kind: 'box', color: 'red', box: [50, 40, 20, 90] }] } }))).toContain('error:mark-malformed');
    expect(codes(imported({ task: 'obj_spatial_relation_oo', answer: 'A', sl: { options: ['A. left, , behind', 'B. right, , front'], evidence: { offset: [-0.6, 0.102, 0.01] } } }))).toEqual(['warn:near-threshold']);
  });

  it('finds duplicate ids and duplicate or near-duplicate questions in a set', () => {
    const a = imported();
    const b = imported({ id: 'x2' });
    const c = imported({ id: 'x3', question: a.question.toUpperCase() });
    const d = imported({ id: 'x1' });
    const e = imported({ id: 'x4', answer: 'C' });
    const f = imported({ id: 'x5', sl: { marks: [{ kind: 'point', color: 'red', uv: [5, 5] }, { kind: 'point', color: 'blue', uv: [9, 9] }] } });
    const r = auditItems([a, b, c, d, e, f]).audits.map((x) => x.findings.map((f) => f.code));
    // the same text about other marks is another question
    expect(r).toEqual([[], ['duplicate-question'], ['near-duplicate-question'], ['duplicate-id', 'duplicate-question'], ['conflicting-answers'], []]);
  });

  it('orders by risk: an error above any number of warnings', () => {
    expect(riskOf([{ code: 'a', severity: 'error', message: '' }])).toBeGreaterThan(riskOf(Array(4).fill({ code: 'w', severity: 'warn', message: '' })));
    const r = auditItems([imported(), imported({ id: 'bad', answer: 'E', question: 'Which depth? A. 0.5; B. 1.2; C. 2.6; D. 5.5.' })]);
    expect([...r.audits].sort(byRisk).map((a) => a.id)).toEqual(['bad', 'x1']);
    expect(r.summary).toMatchObject({ items: 2, errors: 1, withErrors: 1 });
    expect(formatAuditSummary(r.summary)).toMatch(/^depth_prediction_oo +2 +1 +0 +1 +0 +0$/m);
  });

  it('never throws, whatever the record holds', () => {
    const junk = [
      { ...imported(), spatial_lens: { ...imported().spatial_lens, marks: 'x' } },
      { ...imported(), spatial_lens: { ...imported().spatial_lens, options: [1, null] } },
      { ...imported(), answer: undefined, question: undefined },
      { ...imported(), spatial_lens: { ...imported().spatial_lens, generator: { name: 'spatial-lens', version: '0.1.0', seed: 0, params: { objects: 'x' } } } },
      { ...imported(), spatial_lens: { ...imported().spatial_lens, scene: 'living-room', generator: { name: 'spatial-lens', version: '0.1.0', seed: 0, params: { objects: ['nope'], phrasing: 0, rng: 1 } } } },
    ] as unknown as QAItem[];
    const r = auditItems(junk, { scenes: new Map([['living-room', { scene: livingRoom() }]]) });
    for (const a of r.audits) expect(a.findings.some((f) => f.severity === 'error'), JSON.stringify(a)).toBe(true);
    expect(r.audits[4].findings.map((f) => f.code)).toContain('rederive-invalid');
  });
});

describe('generated items derived again from their scenes', () => {
  const rooms = Array.from({ length: 3 }, (_, k) => furnishedRoom(8300 + k));
  const { items } = generateQA(rooms, { perScene: 450, seed: 4 });
  const scenes = new Map(rooms.map((r) => [r.scene.id, r]));
  const clean = auditItems(items, { scenes });

  it('finds no error (nor warning) in items nobody touched', () => {
    expect(items.length).toBeGreaterThan(1000);
    expect(items.every(isGenerated)).toBe(true);
    const flagged = clean.audits.filter((a) => a.findings.some((f) => f.severity !== 'info'));
    expect(flagged.map((a) => `${a.id}: ${a.findings.map((f) => f.message).join('; ')}`)).toEqual([]);
  });

  it.each(TAMPERINGS)('finds every item tampered with (%s) with an error', (kind: Tampering) => {
    const touched: QAItem[] = [];
    items.forEach((it, i) => {
      if (i % 3 !== TAMPERINGS.indexOf(kind) % 3) return;
      const t = tamper(it, kind);
      if (t) touched.push(t);
    });
    expect(touched.length).toBeGreaterThan(kind === 'truth' ? 30 : 100);
    const r = auditItems(touched, { scenes });
    const missed = r.audits.filter((a) => !a.findings.some((f) => f.severity === 'error'));
    expect(missed.map((a) => a.id)).toEqual([]);
    // the finding names what changed
    const field = { answer: 'rederive-answer', letter: 'rederive-answer', truth: 'rederive-answer', names: 'rederive-question', mark: 'rederive-marks', value: 'rederive-value' }[kind];
    expect(r.audits.every((a) => a.findings.some((f) => f.code === field || f.code === 'rederive-invalid')), field).toBe(true);
  });

  it('says when an item cannot be derived again: scene not given, cloud not given', () => {
    const r = auditItems(items.slice(0, 50), {});
    expect(r.audits.every((a) => a.findings.every((f) => f.severity === 'info'))).toBe(true);
    expect(r.audits[0].findings.map((f) => f.code)).toContain('not-rederived');
    const pixel = items.find((i) => i.task === 'hispatial/L0/point_3d')!;
    const noCloud = auditItems([pixel], { scenes: new Map([[rooms[0].scene.id, { scene: rooms[0].scene }]]) });
    expect(noCloud.audits[0].findings.map((f) => f.code)).toEqual(['not-rederived']);
  });

  it('names the field that a box edit changed', () => {
    const room = livingRoom();
    const item = makeItem(room, 'distance_prediction_oo', 'fill', { objects: ['sofa', 'table'] }) as QAItem;
    const moved = structuredClone(room);
    moved.objects.find((o) => o.id === 'table')!.box3d!.center = [1.3, 3.0, 0.38];
    const f = auditItems([item], { scenes: new Map([[room.id, { scene: moved }]]) }).audits[0].findings;
    // and the independent check finds the stored item's references no longer fit the scene
    expect(f.map((x) => x.code).filter((c) => c.startsWith('rederive'))).toEqual(['rederive-answer', 'rederive-value', 'rederive-marks', 'rederive-evidence']);
    expect(f[0].message).toContain('stored «1.8», derived «2.7»');
  });
});
