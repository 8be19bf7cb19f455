// Importing through the store with the real review worker (in-process) against fake-indexeddb:
// an exported reviewed zip brings its decisions back and they show at once, without a reload.
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../storage/db';
import { appendDecision, queueRows } from '../storage/review';
import { fixtureFiles } from '../test/reviewFiles';
import { inProcessClient } from '../test/workerClient';
import { createReviewStore } from './reviewStore';

const README = path.resolve(import.meta.dirname, '../../../shared/data/benchmarks/spar7m_readme_example.jsonl');

beforeEach(async () => {
  await db().delete();
  await db().open();
});

/** The eleven items of the e2e test: the SPAR-7M folder, the real README record, the SPAR-Bench parquet. */
async function elevenFiles() {
  return [...(await fixtureFiles('spar7m')), { path: 'spar7m_readme_example.jsonl', blob: new Blob([await readFile(README)]) }, ...(await fixtureFiles('spar-bench'))];
}

describe('importing an exported reviewed zip', () => {
  it('shows its decisions at once and says how many came back', async () => {
    const client = await inProcessClient();
    const s = createReviewStore(client);
    await s.getState().open('default');
    await s.getState().importFiles(await elevenFiles());
    expect(s.getState().rows).toHaveLength(11);
    // every item decided (by another session, straight into the log), then exported
    for (const r of s.getState().rows) await appendDecision({ schema: 'spatial-lens/review@1', item: r.id, decision: 'accept', reviewer: 'ana', startedAt: '2026-11-23T10:00:00.000Z', decidedAt: '2026-11-23T10:00:05.000Z' }, 'default', `u-${r.id}`);
    const zip = await client.exportItems('default', s.getState().rows.map((r) => r.id), 'all items', false);

    await s.getState().newProject('Second');
    const second = s.getState().project;
    expect(s.getState().rows).toHaveLength(0);
    await s.getState().importFiles([{ path: 'spatial-lens-reviewed.zip', blob: zip.blob }]);
    expect(s.getState().message?.text).toContain('11 items, 11 decisions restored');
    // no reload: the queue counts, every row and the item on screen know their decision
    expect(s.getState().counts?.byStatus).toEqual({ undecided: 0, accept: 11, fix: 0, reject: 0 });
    expect(s.getState().rows.map((r) => s.getState().statusOf(r.id))).toEqual(Array(11).fill('accept'));
    expect(s.getState().current?.decisions.map((d) => [d.decision, d.reviewer])).toEqual([['accept', 'ana']]);
    expect((await queueRows(second)).length).toBe(11);
  });
});
