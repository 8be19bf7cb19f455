// The queue's text search reads the question, the options and the answer of every item (not only
// ids), and each row carries the start of its question.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { putImportBatch, queueRows } from '../../adapters/browser/storage/review';
import { createReviewTestApp } from '../testing/reviewTestApp';
import type { ReviewStore } from './store';

const item = (id: string, question: string, answer: string, options?: string[]): QAItem => ({
  id,
  image: [],
  task: 'obj_spatial_relation_oo',
  question,
  answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format: options ? 'select' : 'fill', ...(options ? { options } : {}), objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spatial-lens', id } },
});

beforeEach(async () => {
  await db().delete();
  await db().open();
  await putImportBatch(
    'default',
    [
      { appId: 'f.jsonl#1', item: item('1', 'Where is the sofa relative to the table?', 'B', ['A. left', 'B. right of the WARDROBE']), flags: [] },
      { appId: 'f.jsonl#2', item: item('2', 'How far is the lamp from the camera?', '2.7'), flags: [] },
      { appId: 'f.jsonl#3', item: item('3', `How many chairs are there? ${'Look closely at every corner of the room. '.repeat(40)}`, '4'), flags: [] },
    ],
    [],
    1,
  );
});

const settle = async (s: ReviewStore) => {
  for (let i = 0; i < 100 && s.getState().searching; i++) await new Promise((r) => setTimeout(r, 10));
};

describe('queue text search', () => {
  it('finds words of the question, of an option and of the answer', async () => {
    const s = createReviewTestApp().review;
    await s.getState().open('default');
    const ids = async (text: string) => {
      s.getState().setFilter({ text });
      await settle(s);
      return s.getState().listed.map((r) => r.id);
    };
    expect(await ids('lamp')).toEqual(['f.jsonl#2']);
    expect(await ids('wardrobe')).toEqual(['f.jsonl#1']);
    expect(await ids('2.7')).toEqual(['f.jsonl#2']);
    expect(await ids('every corner')).toEqual(['f.jsonl#3']);
    // ids and sources still match
    expect(await ids('f.jsonl#1')).toEqual(['f.jsonl#1']);
    expect(s.getState().counts?.total).toBe(1);
    expect(await ids('nowhere to be found')).toEqual([]);
  });

  it('each row carries the start of its question, also rows stored before rows had it', async () => {
    const s = createReviewTestApp().review;
    await s.getState().open('default');
    expect(s.getState().rows.map((r) => r.q)).toEqual(['Where is the sofa relative to the table?', 'How far is the lamp from the camera?', expect.stringMatching(/^How many chairs are there\? Look closely at every corner of the room\..*…$/)]);
    // rows as an older version stored them
    await db().packRows.toCollection().modify((p) => {
      for (const r of p.rows) delete r.q;
    });
    const t = createReviewTestApp().review;
    await t.getState().open('default');
    expect(t.getState().rows[1].q).toBe('How far is the lamp from the camera?');
    expect((await queueRows('default'))[0].q).toBe('Where is the sofa relative to the table?');
  });
});
