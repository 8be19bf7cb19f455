// The export job itself over the jobs' storage (fake-indexeddb): a cancelled export stops with the
// cancel's reason before writing anything; the layout asked for decides the item files; the
// measure counts the same items and images the export writes.
import 'fake-indexeddb/auto';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../adapters/browser/storage/db';
import { dexieJobStorage } from '../../../adapters/browser/storage/reviewJobs';
import { fixtureFiles } from '../../../test/reviewFiles';
import type { MarkedPhotos } from '../ports';
import { exportJob } from './exportJob';
import { importJob } from './importJob';
import { measureJob } from './measureJob';

const noPhotos: MarkedPhotos = {
  pixels: async () => {
    throw new Error('no marked photos in this test');
  },
  markedJpeg: async () => new Uint8Array(),
};

beforeEach(async () => {
  await db().delete();
  await db().open();
});

async function imported() {
  const storage = dexieJobStorage();
  const summary = await importJob(storage, 'default', await fixtureFiles('spar-bench'), () => undefined);
  const ids = (await storage.queueRows('default')).map((r) => r.id);
  expect(ids).toHaveLength(summary.added);
  return { storage, ids };
}

describe('exportJob', () => {
  it('stops with the cancel reason when its signal is aborted, and writes nothing', async () => {
    const { storage, ids } = await imported();
    const ctl = new AbortController();
    const reason = new DOMException('The export was cancelled.', 'AbortError');
    let progressed = 0;
    const job = exportJob(storage, noPhotos, 'default', ids, 'test', false, () => progressed++, { signal: ctl.signal });
    ctl.abort(reason);
    await expect(job).rejects.toBe(reason);
    expect(progressed).toBe(0);
  });

  it('writes the layout asked for: SPAR-Bench parquet with the images inside, or each source as imported', async () => {
    const { storage, ids } = await imported();
    const parquet = await exportJob(storage, noPhotos, 'default', ids, 'test', false, () => undefined, { format: { layout: 'spar-bench-parquet', images: true, byTaskFormat: [] } });
    const pq = unzipSync(new Uint8Array(await parquet.blob.arrayBuffer()));
    expect(Object.keys(pq).filter((n) => n.startsWith('items/'))).toEqual(['items/spar-bench.parquet']);
    expect(Object.keys(pq).some((n) => n.startsWith('images/'))).toBe(false);
    const plain = await exportJob(storage, noPhotos, 'default', ids, 'test', false, () => undefined, { format: { layout: 'qa-jsonl', images: true, byTaskFormat: [] } });
    const zip = unzipSync(new Uint8Array(await plain.blob.arrayBuffer()));
    const images = Object.keys(zip).filter((n) => n.startsWith('images/'));
    expect(Object.keys(zip).filter((n) => n.startsWith('items/'))).toEqual(['items/spatial-lens.jsonl']);
    expect(images.length).toBeGreaterThan(0);
    // the measure made beforehand counts the same items and the same distinct images
    const m = await measureJob(storage, 'default', ids);
    expect(m.items).toBe(ids.length);
    expect(m.images).toBe(images.length);
    expect(m.imageBytes).toBe(images.reduce((n, p) => n + zip[p].length, 0));
  });
});
