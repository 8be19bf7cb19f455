// Blind review through the store: a per-project setting kept with the project; the key stays
// hidden and accept/fix wait until the reviewer has answered; the answer is stored with the
// decision, comes back with an undo, and is counted per task.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { appendDecision, decisionsAfter, putImportBatch } from '../../adapters/browser/storage/review';
import { createReviewTestApp } from '../testing/reviewTestApp';
import { isRevealed } from './types';

const base = (id: string, format: QAItem['spatial_lens']['format'], answer: string, extra: Partial<QAItem['spatial_lens']> = {}, task = 'depth_prediction_oc'): QAItem => ({
  id,
  image: [],
  task,
  question: `question ${id}`,
  answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format, objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spatial-lens', id }, ...extra },
});

beforeEach(async () => {
  await db().delete();
  await db().open();
  await putImportBatch(
    'default',
    [
      { appId: 'f.jsonl#1', item: base('1', 'select', 'B', { options: ['A. 1.0', 'B. 2.0', 'C. 4.0', 'D. 8.0'] }), flags: [] },
      { appId: 'f.jsonl#2', item: base('2', 'fill', '2.7', { value: 2.7, unit: 'm' }), flags: [] },
      { appId: 'f.jsonl#3', item: base('3', 'judge', 'True', {}, 'hispatial/L2/distance'), flags: [] },
    ],
    [],
    1,
  );
});

const opened = async () => {
  const s = createReviewTestApp().review;
  await s.getState().open('default');
  await new Promise((r) => setTimeout(r, 0));
  return s;
};

describe('blind review', () => {
  it('is a per-project setting kept with the project', async () => {
    const s = await opened();
    expect(s.getState().blind).toBe(false);
    await s.getState().setBlind(true);
    expect((await db().projects.get('default'))?.blind).toBe(true);
    expect((await opened()).getState().blind).toBe(true);
    await s.getState().newProject('Other');
    expect(s.getState().blind).toBe(false);
  });

  it('hides the key until the reviewer answers; accept and fix wait, reject does not; the answer is stored with the decision', async () => {
    const s = await opened();
    await s.getState().setBlind(true);
    expect(s.getState().current?.row.id).toBe('f.jsonl#1');
    expect(isRevealed(s.getState())).toBe(false);
    await s.getState().decide('accept');
    s.getState().setPending({ kind: 'fix' });
    expect(s.getState().pending).toBeNull();
    expect(await decisionsAfter('default')).toEqual([]);
    expect(s.getState().message?.text).toBe('Blind review: your answer first: press its letter (A, B, C, D).');

    s.getState().answerBlind('C');
    expect(isRevealed(s.getState())).toBe(true);
    expect(s.getState().answered).toMatchObject({ answer: 'C', key: 'B', agrees: false });
    await s.getState().decide('accept');
    expect(s.getState().current?.row.id).toBe('f.jsonl#2');
    expect(isRevealed(s.getState())).toBe(false);
    s.getState().answerBlind('2.5');
    await s.getState().decide('fix', { edits: { answer: ['2.7', '2.5'] } });
    // the judge item: rejected without an answer (a vague question cannot be answered)
    await s.getState().decide('reject', { reasons: ['vague-stem'] });
    const log = await decisionsAfter('default');
    expect(log.map((d) => [d.item, d.decision, d.blind?.answer, d.blind?.agrees])).toEqual([
      ['f.jsonl#1', 'accept', 'C', false],
      ['f.jsonl#2', 'fix', '2.5', true],
      ['f.jsonl#3', 'reject', undefined, undefined],
    ]);
    expect(log[1].blind?.relErr).toBeCloseTo(0.2 / 2.7, 12);
    expect(s.getState().blindStats().tasks).toEqual([{ task: 'depth_prediction_oc', answered: 2, agreed: 1, unsure: 0, rate: 0.5 }]);

    // an item the reviewer decided is shown with their answer; undo keeps the answer given
    await s.getState().show('f.jsonl#1');
    expect(s.getState().answered).toMatchObject({ answer: 'C' });
    await s.getState().undo();
    await s.getState().undo();
    await s.getState().undo();
    expect(s.getState().current?.row.id).toBe('f.jsonl#1');
    expect(s.getState().statusOf('f.jsonl#1')).toBe('undecided');
    expect(s.getState().answered).toMatchObject({ answer: 'C', key: 'B' });
    expect(isRevealed(s.getState())).toBe(true);
  });

  it('"cannot tell" reveals the key and is stored as such; a colleague’s decision does not reveal it', async () => {
    await appendDecision({ schema: 'spatial-lens/review@1', item: 'f.jsonl#1', decision: 'accept', reviewer: 'ana', startedAt: 'a', decidedAt: 'b' }, 'default', 'old');
    const s = await opened();
    await s.getState().setBlind(true);
    await s.getState().show('f.jsonl#1');
    expect(s.getState().current?.decisions).toHaveLength(1);
    expect(isRevealed(s.getState())).toBe(false);
    s.getState().answerBlind(null);
    expect(s.getState().answered).toMatchObject({ answer: '', agrees: null, rule: 'could not tell' });
    await s.getState().decide('accept');
    const mine = (await decisionsAfter('default')).find((d) => d.reviewer === 'reviewer')!;
    expect(mine.blind).toMatchObject({ answer: '', key: 'B', agrees: null });
    expect(s.getState().blindStats().overall).toMatchObject({ answered: 0, unsure: 1 });
  });
});
