import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../../domain/qa/types';
import { REVIEW_SCHEMA, type ReviewDecision } from '../../../domain/review/types';
import { db } from './db';
import { replaceGenerated } from './items';
import { appendDecision, decisionsAfter, deleteProject, getItem, lastSeq, putImportBatch, queueRows } from './review';

const item = (id: string, scene = 's', task = 'depth_prediction_oc'): QAItem => ({
  id,
  image: ['s.jpg'],
  task,
  question: 'q',
  answer: '1.0',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene, generator: { name: 'spatial-lens', version: 't', seed: 0 } },
});
const decision = (id: string, decision: ReviewDecision['decision'] = 'accept'): ReviewDecision => ({
  schema: REVIEW_SCHEMA,
  item: id,
  decision,
  reviewer: 'ana',
  startedAt: '2026-11-23T10:00:00.000Z',
  decidedAt: '2026-11-23T10:00:05.000Z',
});

beforeEach(async () => {
  await db().delete();
  await db().open();
});

describe('review storage', () => {
  it('appends decisions in log order and never writes a retried uid twice', async () => {
    const a = await appendDecision(decision('x'), 'default', 'u1');
    const again = await appendDecision(decision('x'), 'default', 'u1');
    const b = await appendDecision(decision('y', 'reject'), 'default', 'u2');
    await appendDecision(decision('z'), 'other', 'u3');
    expect(again.key).toBe(a.key);
    expect((await decisionsAfter('default')).map((d) => d.item)).toEqual(['x', 'y']);
    expect((await decisionsAfter('default', a.key)).map((d) => d.uid)).toEqual([b.uid]);
  });

  it('queue rows come in queue order per project', async () => {
    await putImportBatch('p', [{ appId: 'f.jsonl#2', item: item('2'), flags: ['missing-image'] }, { appId: 'f.jsonl#1', item: item('1'), flags: [] }], [], 10);
    await putImportBatch('q', [{ appId: 'g.jsonl#1', item: item('1'), flags: [] }], [], 12);
    const rows = await queueRows('p');
    // one pack of two, named by its first seq
    expect(rows.map((r) => [r.id, r.seq, r.flags, r.pack])).toEqual([
      ['f.jsonl#2', 10, ['missing-image'], 10],
      ['f.jsonl#1', 11, [], 10],
    ]);
    expect(await db().packs.count()).toBe(2);
    expect((await getItem(rows[1], 'p'))?.item.id).toBe('1');
    expect(await lastSeq()).toBe(12);
    await deleteProject('p');
    expect(await queueRows('p')).toEqual([]);
    expect((await queueRows('q')).length).toBe(1);
  });

  it('generating again keeps the items a reviewer decided on', async () => {
    await replaceGenerated('s', [item('s/a'), item('s/b')]);
    await appendDecision(decision('s/a', 'reject'), 'default', 'u1');
    const changed = { ...item('s/a'), answer: '9.9' };
    const { kept } = await replaceGenerated('s', [changed, item('s/c')]);
    expect(kept).toBe(1);
    const ids = (await queueRows('default')).map((r) => r.id).sort();
    expect(ids).toEqual(['s/a', 's/c']);
    // the reviewed item is the one the decision was about, not the regenerated one
    expect((await db().items.get('s/a'))?.item.answer).toBe('1.0');
  });
});

describe('a full quota', () => {
  const quotaError = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

  it('a decision that cannot be written says so and leaves the log as it was', async () => {
    await appendDecision(decision('x'), 'default', 'u1');
    const real = db().decisions.add.bind(db().decisions);
    db().decisions.add = (() => Promise.reject(quotaError())) as unknown as typeof real;
    try {
      await expect(appendDecision(decision('y'), 'default', 'u2')).rejects.toThrow(/Browser storage is full: the decision could not be saved\. Everything stored before is intact/);
    } finally {
      db().decisions.add = real;
    }
    expect((await decisionsAfter('default')).map((d) => d.uid)).toEqual(['u1']);
  });

  it('an import batch is all or nothing: images written before the failing items are rolled back', async () => {
    const real = db().packRows.add.bind(db().packRows);
    db().packRows.add = (() => Promise.reject(quotaError())) as unknown as typeof real;
    try {
      await expect(putImportBatch('p', [{ appId: 'f#1', item: item('1'), flags: [] }], [{ path: 'a.jpg', blob: new Blob(['x']) }], 1)).rejects.toThrow(/Browser storage is full/);
    } finally {
      db().packRows.add = real;
    }
    expect(await db().images.count()).toBe(0);
    expect(await db().packs.count()).toBe(0);
  });
});
