// Two tabs of one reviewer on one project, as two test apps over one (in-memory) IndexedDB and one
// localStorage: they do not walk into the same items, and a conflict reaches both.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { decisionsAfter, putImportBatch } from '../../adapters/browser/storage/review';
import { TestBrowser } from '../testing/reviewTestApp';

const item = (id: string): QAItem => ({
  id,
  image: [],
  task: 'depth_prediction_oc',
  question: `question ${id}`,
  answer: '1.0',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spatial-lens', id } },
});

let browser = new TestBrowser();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tab(_name: string) {
  const t = browser.tab();
  return { store: t.review, leases: t.leases, s: () => t.s };
}

beforeEach(async () => {
  browser = new TestBrowser();
  await db().delete();
  await db().open();
  await putImportBatch('default', ['1', '2', '3', '4', '5', '6', '7', '8'].map((id) => ({ appId: `f#${id}`, item: item(id), flags: [] })), [], 1);
});

describe('two tabs of one reviewer', () => {
  it('each tab shows and decides items the other does not hold; no item is decided twice', async () => {
    const a = tab('a');
    const b = tab('b');
    await a.s().open('default');
    await sleep(0);
    await b.s().open('default');
    await sleep(0);
    expect(a.s().current?.row.id).toBe('f#1');
    expect(b.s().current?.row.id).toBe('f#2');
    for (let k = 0; k < 3; k++) {
      expect(await a.s().decide('accept')).toBe(true);
      expect(await b.s().decide('reject', { reasons: ['vague-stem'] })).toBe(true);
    }
    const log = await decisionsAfter('default');
    expect(log.map((d) => d.item)).toEqual(['f#1', 'f#2', 'f#3', 'f#4', 'f#5', 'f#6']);
    expect(new Set([a.s().current?.row.id, b.s().current?.row.id])).toEqual(new Set(['f#7', 'f#8']));
    a.leases.stop();
    b.leases.stop();
  });

  it('when every undecided item is open in the other tab, the tab still gets one, and says it is open elsewhere', async () => {
    const a = tab('a');
    const b = tab('b');
    await a.s().open('default');
    await sleep(0);
    for (let k = 0; k < 7; k++) await a.s().decide('accept');
    expect(a.s().current?.row.id).toBe('f#8');
    await b.s().open('default');
    await sleep(0);
    expect(b.s().current?.row.id).toBe('f#8');
    b.leases.update();
    expect(b.leases.status.getState().others.has('f#8')).toBe(true);
    a.leases.stop();
    b.leases.stop();
  });

  it('the same item decided differently in both at the same time is a conflict shown in both', async () => {
    const a = tab('a');
    const b = tab('b');
    await a.s().open('default');
    await b.s().open('default');
    await a.s().show('f#5');
    await sleep(3);
    await b.s().show('f#5');
    await sleep(3);
    await a.s().decide('accept');
    await sleep(3);
    await b.s().decide('reject', { reasons: ['bad-3d'] });
    // b made the later decision, having had the item on screen since before a's
    expect(b.s().conflicts).toMatchObject([{ item: 'f#5', yours: 'latest', latest: { decision: 'reject' }, other: { decision: 'accept' } }]);
    // a hears of it when it reads the log (the other tab's nudge)
    await a.s().refresh();
    expect(a.s().conflicts).toMatchObject([{ item: 'f#5', yours: 'other', latest: { decision: 'reject' } }]);
    expect(a.s().statusOf('f#5')).toBe('reject');
    a.s().dismissConflict('f#5');
    expect(a.s().conflicts).toEqual([]);
    a.leases.stop();
    b.leases.stop();
  });
});
