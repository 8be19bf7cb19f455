// The review keyboard through the test app, keys in as the page's key handler sends them: decide,
// undo and move; a fast reviewer's keys each land on the next item in order; a held key decides
// once; two tabs typing at once on one storage lose no decision and count none twice.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { decisionsAfter, putImportBatch } from '../../adapters/browser/storage/review';
import { TestBrowser, createReviewTestApp, sleep } from '../testing/reviewTestApp';

const item = (id: string): QAItem => ({
  id,
  image: [],
  task: 'depth_prediction_oc',
  question: `question ${id}`,
  answer: '1.0',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spatial-lens', id } },
});
const ids = (n: number) => Array.from({ length: n }, (_, k) => `f#${k + 1}`);

beforeEach(async () => {
  await db().delete();
  await db().open();
  await putImportBatch('default', ids(60).map((appId) => ({ appId, item: item(appId.slice(2)), flags: [] })), [], 1);
});

describe('review keys through the test app', () => {
  it('A accepts and moves on, J/K step, R 3 rejects for the third reason, Ctrl+Z withdraws it and shows the item again', async () => {
    const t = await createReviewTestApp().open();
    expect(t.s.current?.row.id).toBe('f#1');
    t.keyDown('a');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#2');
    expect(t.s.statusOf('f#1')).toBe('accept');
    t.keyDown('j');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#3');
    t.keyDown('k');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#2');
    t.type('r 3');
    await t.settle();
    expect(t.s.statusOf('f#2')).toBe('reject');
    expect(t.s.current?.row.id).toBe('f#3');
    t.keyDown('z', { ctrl: true });
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#2');
    expect(t.s.statusOf('f#2')).toBe('undecided');
    expect(t.s.statusOf('f#1')).toBe('accept');
    const log = await decisionsAfter('default');
    expect(log.map((d) => [d.item, d.decision, d.reasons])).toEqual([
      ['f#1', 'accept', undefined],
      ['f#2', 'reject', ['ambiguous-answer']],
      ['f#2', 'undo', undefined],
    ]);
    t.dispose();
  });

  it('50 keys 10 ms apart give 50 decisions on 50 distinct items, in queue order', async () => {
    const t = await createReviewTestApp().open();
    for (let k = 0; k < 50; k++) {
      t.keyDown('a');
      await sleep(10);
    }
    await t.settle();
    const log = await decisionsAfter('default');
    expect(log.map((d) => d.item)).toEqual(ids(50));
    expect(log.every((d) => d.decision === 'accept' && d.reviewer === 'reviewer')).toBe(true);
    expect(t.s.current?.row.id).toBe('f#51');
    expect(t.s.counts?.byStatus).toEqual({ undecided: 10, accept: 50, fix: 0, reject: 0 });
    t.dispose();
  });

  it('a held key decides once: its auto-repeats are ignored', async () => {
    const t = await createReviewTestApp().open();
    expect(t.keyDown('a').queued?.action).toEqual({ type: 'decide', verdict: 'accept' });
    for (let k = 0; k < 20; k++) {
      expect(t.keyDown('a', { repeat: true }).queued).toBeUndefined();
      await sleep(10);
    }
    await t.settle();
    expect((await decisionsAfter('default')).map((d) => d.item)).toEqual(['f#1']);
    expect(t.s.current?.row.id).toBe('f#2');
    // a held R opens the reasons once, and its repeats do not pick one
    t.keyDown('r');
    for (let k = 0; k < 5; k++) t.keyDown('r', { repeat: true });
    await t.settle();
    expect(t.s.pending).toEqual({ kind: 'reject' });
    expect(await decisionsAfter('default')).toHaveLength(1);
    t.dispose();
  });

  it('two tabs typing at once on one storage: every key is one decision, no item decided twice, both count them all', async () => {
    const browser = new TestBrowser();
    const a = await browser.tab().open();
    const b = await browser.tab().open();
    // each tab shows an item the other does not hold
    expect(new Set([a.s.current?.row.id, b.s.current?.row.id]).size).toBe(2);
    for (let k = 0; k < 15; k++) {
      a.keyDown('a');
      b.type('r 1');
      await sleep(10);
    }
    await a.settle();
    await b.settle();
    const log = await decisionsAfter('default');
    expect(log).toHaveLength(30);
    expect(new Set(log.map((d) => d.item)).size).toBe(30);
    expect(log.filter((d) => d.decision === 'accept')).toHaveLength(15);
    expect(log.filter((d) => d.decision === 'reject' && d.reasons?.[0] === 'vague-stem')).toHaveLength(15);
    // each tab hears of the other's decisions and counts every one once
    await sleep(50);
    await a.s.refresh();
    await b.s.refresh();
    for (const t of [a, b]) expect(t.s.counts?.byStatus).toEqual({ undecided: 30, accept: 15, fix: 0, reject: 15 });
    a.dispose();
    b.dispose();
  });
});
