import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { fixtureFiles } from '../../test/reviewFiles';
import { blindAgreement, blindAsk, blindKey, blindVerdictText, judgeBlind, parseBlind } from './blind';
import { importAll } from './import/importer';
import { ReviewState } from './state';
import { REVIEW_SCHEMA, type QueueRow, type StoredDecision } from './types';

const GOLDEN: QAItem[] = fs
  .readFileSync(path.resolve(import.meta.dirname, '../qa/generate/golden/living-room.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const golden = (task: string, format: string) => GOLDEN.find((i) => i.task === task && i.spatial_lens.format === format)!;
const at = '2026-11-23T10:00:00.000Z';
/** A multiple choice with four options (SPAR's camera tasks may offer two: as many as the scene's values allow). */
const FOUR = GOLDEN.find((i) => i.spatial_lens.format === 'select' && i.spatial_lens.options!.length === 4)!;

describe('what a blind reviewer is asked', () => {
  it('in the item’s own kind, for every generated item', () => {
    const kinds = new Map<string, number>();
    for (const it of GOLDEN) {
      const a = blindAsk(it);
      kinds.set(`${it.spatial_lens.format}:${a.kind}`, (kinds.get(`${it.spatial_lens.format}:${a.kind}`) ?? 0) + 1);
      if (it.spatial_lens.format === 'select') expect(a, it.id).toEqual({ kind: 'letter', letters: it.spatial_lens.options!.map((o) => o[0]) });
      if (it.spatial_lens.format === 'judge') expect(a, it.id).toEqual({ kind: 'truth', yes: 'True', no: 'False' });
      // a number is asked for whenever the item's quantity is a number
      if (typeof it.spatial_lens.value === 'number' && it.spatial_lens.format !== 'select' && it.spatial_lens.format !== 'judge') expect(a.kind, it.id).toBe('number');
    }
    expect(kinds.get('select:letter')).toBe(GOLDEN.filter((i) => i.spatial_lens.format === 'select').length);
    expect(kinds.get('judge:truth')).toBe(GOLDEN.filter((i) => i.spatial_lens.format === 'judge').length);
    expect(kinds.get('fill:number')).toBe(16);
    expect(kinds.get('fill:vector')).toBe(6);
    expect(kinds.get('fill:text')).toBe(21);
    // sentences about relations, orientations and orders cannot be answered with one key or a number
    expect(kinds.get('sentence:none')).toBeGreaterThan(0);
    expect(blindAsk(golden('distance_prediction_oc', 'fill'))).toEqual({ kind: 'number', unit: 'm', whole: false });
    expect(blindAsk(golden('hispatial/L1/size', 'fill'))).toEqual({ kind: 'number', unit: 'cm', whole: false });
    expect(blindAsk(golden('hispatial/L3/counting', 'fill'))).toEqual({ kind: 'number', unit: null, whole: true });
  });

  it('imported SPAR-Bench and SPAR-7M items (no exact value: the key’s own number, in SPAR’s metres)', async () => {
    const r = await importAll([...(await fixtureFiles('spar-bench')), ...(await fixtureFiles('spar7m'))]);
    const by = (id: string) => r.items.find((i) => i.appId.endsWith(id))!.item;
    expect(blindAsk(by('parquet#0'))).toEqual({ kind: 'number', unit: 'm', whole: false });
    expect(blindAsk(by('parquet#2'))).toEqual({ kind: 'letter', letters: ['A', 'B', 'C', 'D'] });
    expect(blindAsk(by('parquet#3'))).toEqual({ kind: 'none' });
    expect(blindAsk(by('#scene0261_00_16'))).toEqual({ kind: 'number', unit: 'm', whole: false });
    const j = judgeBlind(by('#scene0261_00_16'), '1.4', at);
    expect(j).toMatchObject({ key: "towel's central depth is estimated to be about 1.5 meters.", agrees: true, rule: 'within 50 %' });
    expect(j.relErr).toBeCloseTo(0.1 / 1.5, 12);
  });
});

describe('the first key press answers', () => {
  const letters = blindAsk(FOUR);
  it('an option letter (any case), T or F; X when the reviewer cannot tell; anything else is not an answer', () => {
    expect(blindKey(letters, 'a')).toEqual({ answer: 'A' });
    expect(blindKey(letters, 'D')).toEqual({ answer: 'D' });
    expect(blindKey(letters, 'e')).toBeNull();
    expect(blindKey(letters, 'j')).toBeNull();
    expect(blindKey(letters, 'x')).toEqual({ reveal: true });
    expect(blindKey(letters, 'ArrowDown')).toBeNull();
    const truth = blindAsk(golden('hispatial/L2/distance', 'judge'));
    expect(blindKey(truth, 't')).toEqual({ answer: 'True' });
    expect(blindKey(truth, 'f')).toEqual({ answer: 'False' });
    expect(blindKey(truth, 'a')).toBeNull();
    expect(blindKey(blindAsk(golden('distance_prediction_oc', 'fill')), '2')).toBeNull();
  });
});

describe('a blind answer against the key, under the task’s own rule', () => {
  it('letters and truth values: the same one', () => {
    const sel = FOUR;
    const key = sel.answer;
    const other = ['A', 'B', 'C', 'D'].find((l) => l !== key)!;
    expect(judgeBlind(sel, key, at)).toEqual({ answer: key, key, agrees: true, rule: 'same option', answeredAt: at });
    expect(judgeBlind(sel, other.toLowerCase(), at).agrees).toBe(false);
    expect(blindVerdictText(judgeBlind(sel, key, at))).toBe(`your answer: ${key} · key: ${key} ✓`);
    expect(blindVerdictText(judgeBlind(sel, other, at))).toBe(`your answer: ${other} · key: ${key} ✗`);
    const judge = golden('hispatial/L2/distance', 'judge');
    const notKey = judge.answer === 'True' ? 'False' : 'True';
    expect(judgeBlind(judge, judge.answer, at).agrees).toBe(true);
    expect(judgeBlind(judge, notKey, at).agrees).toBe(false);
  });

  it('SPAR numbers: within 50 % (where MRA gives credit), with the MRA shown; another length unit converted', () => {
    const it = golden('distance_prediction_oc', 'fill'); // key 2.7 m
    const a = judgeBlind(it, '2.0', at);
    // |2.0 − 2.7| / 2.7 = 0.259: inside 0.5, 0.45, 0.4, 0.35, 0.3 of the ten MRA bands
    expect(a.agrees).toBe(true);
    expect(a.relErr).toBeCloseTo(0.7 / 2.7, 12);
    expect(a.mra).toBeCloseTo(0.5, 12);
    expect(blindVerdictText(a)).toBe('your answer: 2.0 · key: 2.7 ✓ (26 % off, MRA 0.50, within 50 %)');
    expect(judgeBlind(it, '1.3', at).agrees).toBe(false); // 52 % off
    expect(judgeBlind(it, '270 cm', at)).toMatchObject({ agrees: true, relErr: 0 });
    expect(judgeBlind(it, 'about two', at)).toMatchObject({ agrees: false, rule: 'not a number' });
  });

  it('HiSpatial quantities: within 25 %; counts: the same count; vectors: within 30° or 25 % of the distance', () => {
    const size = golden('hispatial/L1/size', 'fill'); // 70 cm
    expect(judgeBlind(size, '85', at).agrees).toBe(true); // 21 % off
    expect(judgeBlind(size, '90', at).agrees).toBe(false); // 29 % off
    expect(judgeBlind(size, '0.8 m', at)).toMatchObject({ agrees: true });
    const count = golden('hispatial/L3/counting', 'fill'); // 0
    expect(judgeBlind(count, '0', at)).toMatchObject({ agrees: true, rule: 'same count' });
    expect(judgeBlind(count, '1', at).agrees).toBe(false);
    const dir = golden('hispatial/L2/direction_vector', 'fill'); // (-0.98, 0.12, -0.17)
    expect(judgeBlind(dir, '(-1, 0, 0)', at)).toMatchObject({ agrees: true, rule: 'within 30°' });
    expect(judgeBlind(dir, '-1 0 -1', at).agrees).toBe(false); // 45° off
    const pos = golden('hispatial/L1/position', 'fill'); // (1.60, 0.70, 4.50)
    expect(judgeBlind(pos, '(1.6, 0.7, 4.0)', at).agrees).toBe(true);
    expect(judgeBlind(pos, '(0, 0, 4.5)', at).agrees).toBe(false);
  });

  it('names and relations: the same words; "cannot tell" is stored as such', () => {
    const rel = golden('obj_spatial_relation_oo', 'fill'); // left, below, behind
    expect(judgeBlind(rel, 'Left,below,  behind', at).agrees).toBe(true);
    expect(judgeBlind(rel, 'left, , behind', at).agrees).toBe(false);
    const none = judgeBlind(rel, null, at);
    expect(none).toEqual({ answer: '', key: 'left, below, behind', agrees: null, rule: 'could not tell', answeredAt: at });
    expect(blindVerdictText(none)).toBe('you could not tell · key: left, below, behind');
  });

  it('a stored answer is read back only when it has the fields it needs', () => {
    const good = judgeBlind(golden('distance_prediction_oc', 'fill'), '2.0', at);
    expect(parseBlind(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseBlind({ answer: 'B' })).toBeUndefined();
    expect(parseBlind('B')).toBeUndefined();
    expect(parseBlind({ answer: 'B', key: 'C', agrees: 'yes' })).toBeUndefined();
  });
});

describe('agreement of blind answers with the key, per task', () => {
  it('counts each reviewer’s latest decision; older records without a blind answer are left out; an undo takes one back', () => {
    const rows = ['1', '2', '3', '4'].map((id, i): QueueRow => ({ id, seq: i, task: i < 3 ? 'depth_prediction_oc' : 'hispatial/L1/size', format: 'fill', source: 'f', scene: 's', flags: [] }));
    let key = 0;
    const rec = (item: string, reviewer: string, blind?: { agrees: boolean | null }): StoredDecision => ({
      schema: REVIEW_SCHEMA,
      item,
      decision: 'accept',
      reviewer,
      startedAt: at,
      decidedAt: at,
      uid: `u${++key}`,
      key,
      project: 'p',
      ...(blind ? { blind: { answer: blind.agrees === null ? '' : '1', key: '1', rule: 'r', answeredAt: at, agrees: blind.agrees } } : {}),
    });
    const state = new ReviewState([rec('1', 'ana', { agrees: true }), rec('2', 'ana', { agrees: false }), rec('2', 'ben', { agrees: true }), rec('3', 'ana'), rec('4', 'ana', { agrees: null })], 'p');
    const a = blindAgreement(rows, state);
    expect(a.tasks).toEqual([
      { task: 'depth_prediction_oc', answered: 3, agreed: 2, unsure: 0, rate: 2 / 3 },
      { task: 'hispatial/L1/size', answered: 0, agreed: 0, unsure: 1, rate: null },
    ]);
    expect(a.overall).toMatchObject({ answered: 3, agreed: 2, unsure: 1 });
    // ana's later decision on item 1 without a blind answer replaces her blind one
    const later = rec('1', 'ana');
    state.apply(later);
    expect(blindAgreement(rows, state).overall).toMatchObject({ answered: 2, agreed: 1 });
    state.apply({ ...rec('1', 'ana'), decision: 'undo', undoes: later.key });
    expect(blindAgreement(rows, state).overall).toMatchObject({ answered: 3, agreed: 2 });
  });
});
