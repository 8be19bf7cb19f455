import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { fixtureFiles } from '../../test/reviewFiles';
import { answerShape } from './answerShape';
import { checkAnswerOf, checkFix } from './fixCheck';
import { importAll } from './import/importer';

const GOLDEN: QAItem[] = fs
  .readFileSync(path.resolve(import.meta.dirname, '../qa/generate/golden/living-room.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

const item = (format: QAItem['spatial_lens']['format'], answer: string, extra: Partial<QAItem['spatial_lens']> = {}, question = 'q?', task = 't'): QAItem => ({
  id: 'x',
  image: [],
  task,
  question,
  answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format, objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, ...extra },
});
const refused = (it: QAItem, answer: string) => {
  const r = checkFix(it, { answer: [it.answer, answer] });
  return r.ok ? null : r.message;
};
const stored = (it: QAItem, answer: string) => {
  const r = checkFix(it, { answer: [it.answer, answer] });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.edits.answer?.[1];
};

describe('checking a fix (hand-made items)', () => {
  const select = item('select', 'B', { options: ['A. 3.0', 'B. 5.0', 'C. 8.5', 'D. 6.5'] });
  it('multiple choice: one of the option letters', () => {
    expect(stored(select, 'C')).toBe('C');
    expect(stored(select, ' d ')).toBe('D');
    expect(refused(select, 'E')).toBe('A multiple-choice item’s answer is one of its option letters, A, B, C or D; “E” is not one.');
    expect(refused(select, '5.0')).toMatch(/option letters/);
    expect(refused(select, '')).toMatch(/The answer is empty/);
  });

  it('multiple choice: edited options keep their letters, say something, differ; the answer stays among them', () => {
    expect(checkFix(select, { options: [select.spatial_lens.options!, ['A. 3.0', 'B. 5.5', 'C. 8.5', 'D. 6.5']] }).ok).toBe(true);
    const opt = (o: string[], answer?: string) => {
      const r = checkFix(select, { options: [select.spatial_lens.options!, o], ...(answer ? { answer: ['B', answer] as [string, string] } : {}) });
      return r.ok ? 'ok' : r.message;
    };
    expect(opt(['A. 3.0', 'C. 5.0', 'B. 8.5', 'D. 6.5'])).toBe('Option B must start with its letter, “B. ”, as the options did; it reads “C. 5.0”.');
    expect(opt(['A. 3.0', 'B. ', 'C. 8.5', 'D. 6.5'])).toBe('Option B is empty.');
    expect(opt(['A. 3.0', 'B. 8.5', 'C. 8.5', 'D. 6.5'])).toBe('Options B and C are the same (“8.5”).');
    expect(opt(['A. 3.0', 'B. five', 'C. 8.5', 'D. 6.5'])).toBe('Option B was a number (“B. 5.0”) and must stay one; “B. five” is not.');
    expect(opt(['A. 3.0', 'B. 5 m', 'C. 8.5', 'D. 6.5'])).toMatch(/Option B was written without a unit/);
    // three options left: D is gone, and so is an answer D
    const three = checkFix(item('select', 'D', { options: ['A. 1', 'B. 2', 'C. 3', 'D. 4'] }), { options: [['A. 1', 'B. 2', 'C. 3', 'D. 4'], ['A. 1', 'B. 2', 'C. 3']] });
    expect(three.ok ? 'ok' : three.message).toBe('The answer “D” is no longer one of the options (A, B or C): give the answer as well.');
    expect(opt(['A. 3.0', 'B. 5.0', 'C. 8.5'], 'D')).toMatch(/one of its option letters, A, B or C/);
  });

  it('true/false: True or False, in the item’s own spelling', () => {
    const judge = item('judge', 'True');
    expect(stored(judge, 'false')).toBe('False');
    expect(stored(item('judge', 'false'), 'TRUE')).toBe('true');
    expect(refused(judge, 'yes')).toBe('A true/false item’s answer is True or False; “yes” is neither.');
    expect(refused(judge, 'F')).toMatch(/True or False/);
  });

  it('numbers: must parse, and keep the unit they were written in (or none)', () => {
    const bare = item('fill', '0.9');
    expect(stored(bare, ' 1.2 ')).toBe('1.2');
    expect(refused(bare, 'about 1.2')).toMatch(/The answer is a number, like the original “0.9”; “about 1.2” is not/);
    expect(refused(bare, '1.2 m')).toBe('The answer is a bare number, like the original “0.9” (the question gives the unit): write “1.2”, without “m”.');
    const withUnit = item('fill', '0.76 m');
    expect(stored(withUnit, '0.80 m')).toBe('0.80 m');
    expect(refused(withUnit, '80 cm')).toBe('The answer was written in m (“0.76 m”): keep the unit, like “1.2 m”; “80 cm” is in cm.');
    expect(refused(withUnit, '0.8')).toMatch(/keep the unit, like “1.2 m”; “0.8” has no unit/);
    expect(refused(withUnit, '1,2 m')).toMatch(/is not/);
    const count = item('fill', '2', {}, 'How many chairs?', 'hispatial/L3/counting');
    expect(stored(count, '3')).toBe('3');
    expect(refused(count, '2.5')).toBe('The answer is a count: a whole number, 0 or more; “2.5” is not.');
  });

  it('vectors, relations, view changes, names', () => {
    expect(refused(item('fill', '(-0.98, 0.12, -0.17)'), '-0.98, 0.12')).toMatch(/3D vector written “\(x, y, z\)”/);
    expect(stored(item('fill', '(-0.98, 0.12, -0.17)'), '(1, 0, 0)')).toBe('(1, 0, 0)');
    const rel = item('fill', 'left, below, behind');
    expect(stored(rel, 'Right,,front')).toBe('right, , front');
    expect(refused(rel, 'to the right')).toMatch(/three relations/);
    expect(refused(rel, 'left, front, below')).toMatch(/three relations/);
    const vci = item('fill', 'move_right:0.3,rotate_left:15,move_forward:1.2');
    expect(stored(vci, 'move_left:0.3,rotate_left:15')).toBe('move_left:0.3,rotate_left:15');
    expect(refused(vci, 'left 0.3')).toMatch(/key:value pairs/);
    const name = item('fill', 'cup', {}, 'Which is closer to the chair (red point): the cup (blue point) or the lamp (green point)? Answer with the name of one object only.');
    expect(stored(name, 'lamp')).toBe('lamp');
    expect(refused(name, 'sofa')).toBe('The answer names one of the things the question offers (the original “cup” is in the question); “sofa” is not in the question.');
    // whole words only: "amp" is not offered by "lamp"
    expect(refused(name, 'amp')).not.toBeNull();
  });

  it('sentences keep stating their number in their unit', () => {
    const s = item('sentence', "towel's central depth is estimated to be about 1.5 meters.");
    expect(stored(s, "towel's central depth is estimated to be about 1.7 meters.")).toBe("towel's central depth is estimated to be about 1.7 meters.");
    expect(refused(s, '1.7')).toBe("The answer sentence must give its number in meters, as the original does (“towel's central depth is estimated to be about 1.5 meters.”); “1.7” names no unit after its number.");
    expect(refused(s, 'The towel is about as deep as the counter.')).toMatch(/must still state its number/);
    expect(stored(item('sentence', 'The potted plant is below the lamp.'), 'The potted plant is above the lamp.')).toBe('The potted plant is above the lamp.');
  });

  it('an unchanged answer is not a fix', () => {
    expect(refused(select, 'b')).toBe('The answer is unchanged (“B”): nothing to fix. Accept the item instead, or press Esc.');
    expect(refused(item('fill', '0.9'), ' 0.9 ')).toMatch(/unchanged/);
  });
});

describe('checking a fix (real items)', () => {
  it('every generated item’s own answer is of its kind, and the other answers of its kind are too', () => {
    expect(GOLDEN.length).toBeGreaterThan(100);
    for (const it of GOLDEN) {
      const shape = answerShape(it);
      expect(shape.kind, it.id).not.toBe('text');
      expect(checkAnswerOf(it, it.answer), it.id).toMatchObject({ ok: true, answer: it.answer });
      if (shape.kind === 'letter') for (const l of shape.letters) expect(checkAnswerOf(it, l).ok, it.id).toBe(true);
      if (shape.kind === 'letter') expect(checkAnswerOf(it, String.fromCharCode(65 + shape.letters.length)).ok, it.id).toBe(false);
      if (shape.kind === 'truth') expect(checkAnswerOf(it, it.answer === 'True' ? 'False' : 'True').ok).toBe(true);
      if (shape.kind === 'number') {
        expect(checkAnswerOf(it, String(Number(it.answer) + 1)).ok, it.id).toBe(true);
        expect(checkAnswerOf(it, `${it.answer} meters`).ok, it.id).toBe(false);
      }
      expect(checkAnswerOf(it, '').ok).toBe(false);
    }
  });

  it('imported SPAR-Bench and SPAR-7M items: letters, bare numbers, view changes, sentences in meters', async () => {
    const r = await importAll([...(await fixtureFiles('spar-bench')), ...(await fixtureFiles('spar7m'))]);
    const by = (id: string) => r.items.find((i) => i.appId.endsWith(id))!.item;
    expect(answerShape(by('parquet#2'))).toEqual({ kind: 'letter', letters: ['A', 'B', 'C', 'D'] });
    expect(refused(by('parquet#2'), 'E')).toMatch(/A, B, C or D/);
    expect(answerShape(by('parquet#0'))).toEqual({ kind: 'number', unit: null, whole: false });
    expect(refused(by('parquet#0'), '0.9 meters')).toMatch(/bare number/);
    expect(answerShape(by('parquet#3')).kind).toBe('pairs');
    expect(answerShape(by('#scene0261_00_16'))).toEqual({ kind: 'sentence', number: true, unit: 'meters' });
    expect(refused(by('#scene0261_00_16'), '1.7')).toMatch(/in meters/);
    expect(answerShape(by('#scene0011_00_9'))).toEqual({ kind: 'letter', letters: ['A', 'B'] });
    expect(answerShape(by('#scene0011_00_3'))).toEqual({ kind: 'number', unit: null, whole: false });
  });
});
