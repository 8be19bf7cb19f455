// A fix of the wrong kind is refused by the store itself (whatever the form let through): nothing
// is written to the log, and the message says what is wrong.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { decisionsAfter, putImportBatch } from '../../adapters/browser/storage/review';
import { createReviewTestApp } from '../testing/reviewTestApp';

const select: QAItem = {
  id: '2',
  image: [],
  task: 'obj_spatial_relation_oo',
  question: 'Where is the sofa relative to the table? A. left; B. right; C. in front; D. behind.',
  answer: 'B',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'select', options: ['A. left', 'B. right', 'C. in front', 'D. behind'], objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spar-bench', id: 2 } },
};

beforeEach(async () => {
  await db().delete();
  await db().open();
  await putImportBatch('default', [{ appId: 'f.jsonl#2', item: select, flags: [] }], [], 1);
});

describe('a fix through the store', () => {
  it('is refused with a message and nothing stored when the answer is not an option letter', async () => {
    const s = createReviewTestApp().review;
    await s.getState().open('default');
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().current?.row.id).toBe('f.jsonl#2');
    await s.getState().decide('fix', { edits: { answer: ['B', 'E'] } });
    expect(await decisionsAfter('default')).toEqual([]);
    expect(s.getState().statusOf('f.jsonl#2')).toBe('undecided');
    expect(s.getState().message).toEqual({ kind: 'error', text: 'The fix was not saved: A multiple-choice item’s answer is one of its option letters, A, B, C or D; “E” is not one.' });
    // a good one is stored, tidied (a lower-case letter)
    await s.getState().decide('fix', { edits: { answer: ['B', 'c'] } });
    const log = await decisionsAfter('default');
    expect(log.map((d) => [d.decision, d.edits?.answer])).toEqual([['fix', ['B', 'C']]]);
  });
});
