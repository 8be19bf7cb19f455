// Cancel in the export dialog, through the real review worker (in-process, fake-indexeddb). Its own
// file: each test file gets its own page-like context (stores of two tests would hear each other's
// BroadcastChannel nudges).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { appendDecision } from '../../adapters/browser/storage/review';
import { fixtureFiles } from '../../test/reviewFiles';
import { inProcessClient } from '../../test/workerClient';
import { createReviewTestApp } from '../testing/reviewTestApp';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

describe('exportChosen', () => {
  it('Cancel stops the export between two items: nothing is saved, and the message says so', async () => {
    const client = await inProcessClient();
    const app = createReviewTestApp({ compute: client });
    const s = app.review;
    await s.getState().open('default');
    await s.getState().importFiles(await fixtureFiles('spar-bench'));
    for (const r of s.getState().rows) await appendDecision({ schema: 'spatial-lens/review@1', item: r.id, decision: 'accept', reviewer: 'ana', startedAt: '2026-12-06T10:00:00.000Z', decidedAt: '2026-12-06T10:00:05.000Z' }, 'default', `c-${r.id}`);
    await s.getState().refresh();
    s.getState().setExportDialog(true);
    const choice = { scope: 'project', statuses: ['accept'], tasks: null, layout: 'spar-bench-parquet', images: true, marked: false } as const;
    const running = s.getState().exportChosen({ ...choice, statuses: [...choice.statuses] });
    expect(s.getState().exporting).not.toBeNull();
    s.getState().cancelExport();
    await running;
    expect(s.getState().message).toEqual({ kind: 'info', text: 'Export cancelled; nothing was saved.' });
    expect(s.getState().busy).toBeNull();
    expect(app.saved).toEqual([]);
    expect(s.getState().exporting).toBeNull();
    // the dialog stays open for another try, and that one writes the zip and closes it
    expect(s.getState().exportDialog).toBe(true);
    await s.getState().exportChosen({ ...choice, statuses: [...choice.statuses] });
    expect(app.saved.map((f) => f.name)).toEqual([expect.stringMatching(/^spatial-lens-reviewed-.*\.zip$/)]);
    expect(s.getState().exportDialog).toBe(false);
    expect(s.getState().message?.text).toContain(`Exported ${s.getState().rows.length} items`);
  });
});
