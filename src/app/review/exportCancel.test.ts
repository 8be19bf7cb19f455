// Cancel in the export dialog, through the real review worker (in-process, fake-indexeddb). Its own
// file: each test file gets its own page-like context (stores of two tests would hear each other's
// BroadcastChannel nudges).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { appendDecision } from '../../adapters/browser/storage/review';
import { createReviewStore } from '../../store/reviewStore';
import { fixtureFiles } from '../../test/reviewFiles';
import { inProcessClient } from '../../test/workerClient';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

describe('exportChosen', () => {
  it('Cancel stops the export between two items: nothing is saved, and the message says so', async () => {
    const client = await inProcessClient();
    const s = createReviewStore(client);
    await s.getState().open('default');
    await s.getState().importFiles(await fixtureFiles('spar-bench'));
    for (const r of s.getState().rows) await appendDecision({ schema: 'spatial-lens/review@1', item: r.id, decision: 'accept', reviewer: 'ana', startedAt: '2026-12-06T10:00:00.000Z', decidedAt: '2026-12-06T10:00:05.000Z' }, 'default', `c-${r.id}`);
    await s.getState().refresh();
    s.getState().setExportDialog(true);
    const running = s.getState().exportChosen({ scope: 'project', statuses: ['accept'], tasks: null, layout: 'spar-bench-parquet', images: true, marked: false });
    s.getState().cancelExport();
    await running;
    expect(s.getState().message).toEqual({ kind: 'info', text: 'Export cancelled; nothing was saved.' });
    expect(s.getState().busy).toBeNull();
    // the dialog stays open for another try
    expect(s.getState().exportDialog).toBe(true);
  });
});
