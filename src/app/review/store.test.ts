// The review store against a real (in-memory) IndexedDB: decisions are in the log before the next
// item is shown, the next item is the next undecided one in queue order, undo withdraws only this
// session's decisions, keys can be rebound.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { appendDecision, decisionsAfter, putImportBatch } from '../../adapters/browser/storage/review';
import { createReviewTestApp } from '../testing/reviewTestApp';

const item = (id: string, task = 'depth_prediction_oc'): QAItem => ({
  id,
  image: [],
  task,
  question: `question ${id}`,
  answer: '1.0',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spatial-lens', id } },
});

beforeEach(async () => {
  await db().delete();
  await db().open();
  await putImportBatch('default', ['1', '2', '3', '4'].map((id) => ({ appId: `f.jsonl#${id}`, item: item(id, id === '3' ? 'other' : 'depth_prediction_oc'), flags: [] })), [], 1);
});

const store = () => createReviewTestApp().review;

describe('review store', () => {
  it('shows the first undecided item, writes each decision before moving to the next undecided one', async () => {
    // a colleague already accepted item 2
    await appendDecision({ schema: 'spatial-lens/review@1', item: 'f.jsonl#2', decision: 'accept', reviewer: 'ana', startedAt: 'a', decidedAt: 'b' }, 'default', 'old');
    const s = store();
    await s.getState().open('default');
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().current?.row.id).toBe('f.jsonl#1');
    expect(s.getState().counts?.byStatus).toEqual({ undecided: 3, accept: 1, fix: 0, reject: 0 });
    await s.getState().decide('reject', { reasons: ['vague-stem'] });
    // in the log already, and item 2 (decided) is skipped
    const log = await decisionsAfter('default');
    expect(log.map((d) => [d.item, d.decision, d.reasons])).toEqual([
      ['f.jsonl#2', 'accept', undefined],
      ['f.jsonl#1', 'reject', ['vague-stem']],
    ]);
    expect(s.getState().current?.row.id).toBe('f.jsonl#3');
    expect(log[1].reviewer).toBe('reviewer');
    expect(Date.parse(log[1].decidedAt)).toBeGreaterThanOrEqual(Date.parse(log[1].startedAt));
  });

  it('undo withdraws this session’s last decision only, and shows its item again', async () => {
    await appendDecision({ schema: 'spatial-lens/review@1', item: 'f.jsonl#4', decision: 'accept', reviewer: 'reviewer', startedAt: 'a', decidedAt: 'b' }, 'default', 'yesterday');
    const s = store();
    await s.getState().open('default');
    await new Promise((r) => setTimeout(r, 0));
    await s.getState().undo();
    expect(s.getState().message?.text).toMatch(/Nothing to undo/);
    await s.getState().decide('accept');
    await s.getState().decide('fix', { edits: { answer: ['1.0', '2.0'] } });
    await s.getState().undo();
    expect(s.getState().current?.row.id).toBe('f.jsonl#2');
    expect(s.getState().statusOf('f.jsonl#2')).toBe('undecided');
    expect(s.getState().statusOf('f.jsonl#1')).toBe('accept');
    await s.getState().undo();
    await s.getState().undo();
    // yesterday's decision stays
    expect(s.getState().statusOf('f.jsonl#4')).toBe('accept');
    expect(s.getState().statusOf('f.jsonl#1')).toBe('undecided');
    const log = await decisionsAfter('default');
    expect(log.filter((d) => d.decision === 'undo').length).toBe(2);
  });

  it('filters and counts, and rebinding a key swaps a clash', async () => {
    const s = store();
    await s.getState().open('default');
    s.getState().setFilter({ tasks: ['other'] });
    expect(s.getState().listed.map((r) => r.id)).toEqual(['f.jsonl#3']);
    expect(s.getState().counts?.byTask).toEqual(new Map([['depth_prediction_oc', 3], ['other', 1]]));
    s.getState().rebind('accept', 'y');
    expect(s.getState().keys.accept).toBe('y');
    s.getState().rebind('reject', 'y');
    expect([s.getState().keys.reject, s.getState().keys.accept]).toEqual(['y', 'r']);
  });
});
