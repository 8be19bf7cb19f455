// Importing through the store with the real review worker (in-process) against fake-indexeddb:
// an exported reviewed zip brings its decisions back and they show at once, without a reload.
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { appendDecision, decisionsAfter, queueRows } from '../../adapters/browser/storage/review';
import { fixtureFiles } from '../../test/reviewFiles';
import { inProcessClient } from '../../test/workerClient';
import { createReviewTestApp } from '../testing/reviewTestApp';

const README = path.resolve(import.meta.dirname, '../../../../shared/data/benchmarks/spar7m_readme_example.jsonl');

// the real SPAR-7M README record lives beside the project (../shared/data), not in it
const HAS_README = existsSync(README);
if (!HAS_README) console.warn(`skipped: the exported-zip round trip needs ${README} (the reference data beside the project)`);

beforeEach(async () => {
  await db().delete();
  await db().open();
});

/** The eleven items of the e2e test: the SPAR-7M folder, the real README record, the SPAR-Bench parquet. */
async function elevenFiles() {
  return [...(await fixtureFiles('spar7m')), { path: 'spar7m_readme_example.jsonl', blob: new Blob([await readFile(README)]) }, ...(await fixtureFiles('spar-bench'))];
}

describe('importing an exported reviewed zip', () => {
  it.skipIf(!HAS_README)('shows its decisions at once and says how many came back', async () => {
    const client = await inProcessClient();
    const s = createReviewTestApp({ compute: client }).review;
    await s.getState().open('default');
    await s.getState().importFiles(await elevenFiles());
    expect(s.getState().rows).toHaveLength(11);
    // every item decided (by another session, straight into the log), then exported
    // (the first one in blind review: its blind answer travels with it)
    const blind = { answer: 'C', key: 'B', agrees: false, rule: 'same option', answeredAt: '2026-11-23T10:00:03.000Z' };
    for (const [k, r] of s.getState().rows.entries())
      await appendDecision({ schema: 'spatial-lens/review@1', item: r.id, decision: 'accept', reviewer: 'ana', startedAt: '2026-11-23T10:00:00.000Z', decidedAt: '2026-11-23T10:00:05.000Z', ...(k === 0 ? { blind } : {}) }, 'default', `u-${r.id}`);
    const firstId = s.getState().rows[0].id;
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
    const back = await decisionsAfter(second);
    expect(back.find((d) => d.item === firstId)?.blind).toEqual(blind);
    expect(back.filter((d) => d.blind)).toHaveLength(1);
  });
});

/** SPAR-Bench fill rows, one a line. */
function sparLines(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(JSON.stringify({ id: i, img_type: 'single_view', format_type: 'fill', task: 'depth_prediction_oc', source: 'scannet', image: [`img_${i % 50}.png`], question: `How deep is the chair (red point) number ${i}? The unit is meter.`, answer: (1 + (i % 40) / 10).toFixed(1) }));
  return `${out.join('\n')}\n`;
}

/**
 * A file whose reading stops for good after `bytes` bytes: what an import sees of a tab that is
 * closed or reloaded half way (the worker never reads further, nothing after it runs).
 */
class StallingBlob extends Blob {
  constructor(
    parts: BlobPart[],
    private readonly cutAt: number,
  ) {
    super(parts);
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const head = this.slice(0, this.cutAt);
    let sent = false;
    return new ReadableStream({
      async pull(c) {
        if (sent) return new Promise<void>(() => undefined);
        sent = true;
        c.enqueue(new Uint8Array(await head.arrayBuffer()));
      },
    });
  }
}

const until = async (ok: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 400; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('an import cut off half way', () => {
  it('is reported on the next open, and importing the file again says how many were already there', async () => {
    const text = sparLines(10_000);
    // the reading stops inside line 5,001: two batches of 2,000 are written, the third never is
    const cut = text.split('\n').slice(0, 5000).join('\n').length + 40;
    const first = createReviewTestApp({ compute: await inProcessClient() }).review;
    await first.getState().open('default');
    void first.getState().importFiles([{ path: 'big.jsonl', blob: new StallingBlob([text], cut) }]);
    await until(async () => (await queueRows('default')).length >= 4000, 'two batches');
    await new Promise((r) => setTimeout(r, 200));
    expect((await queueRows('default')).length).toBe(4000);

    // the next open (a new tab: the first one is gone)
    const again = createReviewTestApp({ compute: await inProcessClient() }).review;
    await again.getState().open('default');
    expect(again.getState().rows).toHaveLength(4000);
    expect(again.getState().interrupted.map((j) => j.files.map((f) => f.path))).toEqual([['big.jsonl']]);
    expect(again.getState().message?.text).toContain('4,000 of 10,000 lines imported; import the file again to finish');

    await again.getState().importFiles([{ path: 'big.jsonl', blob: new Blob([text]) }]);
    expect(again.getState().message?.text).toContain('4,000 already there, 6,000 added');
    expect(again.getState().rows).toHaveLength(10_000);
    expect(again.getState().interrupted).toEqual([]);
    // and the open after that has nothing left to report
    const third = createReviewTestApp({ compute: await inProcessClient() }).review;
    await third.getState().open('default');
    expect(third.getState().interrupted).toEqual([]);
    expect(third.getState().message).toBeNull();
    // the first item is being shown: let it be, before the next test deletes the database under it
    await until(async () => !!third.getState().current, 'the first item shown');
  });
});

describe('the notice of an unfinished import', () => {
  it('stays until dismissed, and a dismissed one is not reported again', async () => {
    const { ImportTracker } = await import('../../adapters/browser/storage/imports');
    const t = await ImportTracker.start('default', [{ path: 'gone.jsonl', blob: new Blob(['{}\n{}\n']) }]);
    await t.itemFiles([{ path: 'gone.jsonl', blob: new Blob(['{}\n{}\n']), kind: 'jsonl' }]);
    // the count comes in alongside the import and is written with the next batch
    await new Promise((r) => setTimeout(r, 50));
    await t.batch({ items: [], problems: [] }, async () => undefined);
    const s = createReviewTestApp().review;
    await s.getState().open('default');
    expect(s.getState().interrupted.map((j) => j.id)).toEqual([t.journal.id]);
    expect(s.getState().message?.text).toMatch(/^The import of gone\.jsonl \(started .*\) did not finish: 0 of 2 lines imported; import the file again to finish\.$/);
    await s.getState().dismissImport(t.journal.id);
    expect(s.getState().interrupted).toEqual([]);
    const again = createReviewTestApp().review;
    await again.getState().open('default');
    expect(again.getState().interrupted).toEqual([]);
    expect(again.getState().message).toBeNull();
  });
});
