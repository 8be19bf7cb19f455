// The risk-sorted queue through the review store: an RGB-D parquet of relation items over the real
// frames (some with one part flipped) is imported, the review worker's risk job audits and measures
// each item as it comes in, and the queue sorted by risk puts exactly the flipped ones first, the
// rest in queue order; the "measured mismatch" filter keeps only them. Pixels decode with sharp here.
import 'fake-indexeddb/auto';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { dexieJobStorage } from '../../adapters/browser/storage/reviewJobs';
import { itemRisks } from '../../adapters/browser/storage/risks';
import { HAVE_SHARED_DATA } from '../../test/markedPhotos';
import { rgbdParquet } from '../../test/rgbdParquet';
import { rgbdRelationItems } from '../../test/rgbdRelations';
import { inProcessClient } from '../../test/workerClient';
import { createReviewTestApp, sleep } from '../testing/reviewTestApp';
import { riskJob } from './jobs/riskJob';
import type { ReviewCompute } from './ports';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

/** Stored pixels as they are (the browser worker's createImageBitmap with no EXIF turn). */
async function sharpPixels(blob: Blob) {
  const { data, info } = await sharp(new Uint8Array(await blob.arrayBuffer())).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** The real review worker in-process, its risk job decoding with sharp (Node has no createImageBitmap). */
async function compute(progress: number[][]): Promise<ReviewCompute> {
  const client = await inProcessClient();
  return {
    importFiles: (...a) => client.importFiles(...a),
    exportItems: (...a) => client.exportItems(...a),
    measureExport: (...a) => client.measureExport(...a),
    backup: (...a) => client.backup(...a),
    restore: (...a) => client.restore(...a),
    auditRisks: (project, onProgress, ids) =>
      riskJob(dexieJobStorage(), sharpPixels, project, (l, d, t) => {
        progress.push([d, t]);
        onProgress?.(l, d, t);
      }, ids),
  };
}

describe.skipIf(!HAVE_SHARED_DATA)('the queue sorted by risk', () => {
  it('audits imported items off the page and lists the measured mismatches first, the rest in queue order', async () => {
    const { frames, items } = await rgbdRelationItems(12, 5);
    const wrongIds = items.filter((i) => i.wrong).map((i) => String(i.id));
    expect(wrongIds.length).toBe(4);
    const progress: number[][] = [];
    const s = createReviewTestApp({ compute: await compute(progress) }).review;
    await s.getState().open('default');
    await s.getState().importFiles([{ path: 'relations.parquet', blob: new Blob([rgbdParquet(items, frames) as Uint8Array<ArrayBuffer>]) }]);
    expect(s.getState().rows).toHaveLength(12);
    // the import started the audit of its items in the background, with progress
    for (let t = 0; t < 600 && (s.getState().auditing || s.getState().risks.size < 12); t++) await sleep(50);
    expect(s.getState().risks.size).toBe(12);
    expect(progress.at(-1)).toEqual([12, 12]);
    // stored: a new tab (or a reload) has them without auditing again
    expect((await itemRisks('default')).size).toBe(12);

    const sourceId = (id: string) => id.split('#').pop()!;
    s.getState().setSort({ key: 'risk', dir: 'desc' });
    const sorted = s.getState().listed.map((r) => sourceId(r.id));
    expect(new Set(sorted.slice(0, 4))).toEqual(new Set(wrongIds));
    // stable: within the mismatches and within the rest, ties keep queue order
    const seqOf = new Map(s.getState().rows.map((r) => [sourceId(r.id), r.seq]));
    const risk = (id: string) => s.getState().risks.get(s.getState().rows.find((r) => sourceId(r.id) === id)!.id)!;
    for (let k = 1; k < sorted.length; k++) {
      const [a, b] = [risk(sorted[k - 1]), risk(sorted[k])];
      expect(Number(a.mismatch) > Number(b.mismatch) || a.risk > b.risk || (a.mismatch === b.mismatch && a.risk === b.risk && seqOf.get(sorted[k - 1])! < seqOf.get(sorted[k])!)).toBe(true);
    }
    // the mismatch filter: exactly the flipped ones, each with its measured line
    s.getState().setFilter({ mismatch: true });
    expect(s.getState().listed.map((r) => sourceId(r.id)).sort()).toEqual([...wrongIds].sort());
    for (const r of s.getState().listed) expect(s.getState().risks.get(r.id)!.line).toMatch(/^answer .* — measured /);
    // the sort and the filter survive as a saved view
    await s.getState().saveCurrentView('mismatches');
    s.getState().setFilter({ mismatch: undefined });
    s.getState().setSort({ key: 'seq', dir: 'asc' });
    s.getState().applyView(s.getState().views.find((v) => v.name === 'mismatches')!);
    expect(s.getState().listed).toHaveLength(4);
    expect(s.getState().sort).toEqual({ key: 'risk', dir: 'desc' });
  }, 120_000);

  it('audits on request with progress, and reads the stored risks when the project opens', async () => {
    const { frames, items } = await rgbdRelationItems(6, 9);
    const progress: number[][] = [];
    const a = createReviewTestApp({ compute: await compute(progress) }).review;
    await a.getState().open('default');
    await a.getState().importFiles([{ path: 'r.parquet', blob: new Blob([rgbdParquet(items, frames) as Uint8Array<ArrayBuffer>]) }]);
    for (let t = 0; t < 600 && (a.getState().auditing || a.getState().risks.size < 6); t++) await sleep(50);
    progress.length = 0;
    await a.getState().auditRisks();
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.getState().message?.text).toMatch(/^Audited 6 items: 6 measured from their pixels and depth, \d+ whose answer disagrees/);
    const b = createReviewTestApp({ compute: await compute([]) }).review;
    await b.getState().open('default');
    // read from storage when the queue is first sorted by risk, not audited again
    b.getState().setSort({ key: 'risk', dir: 'desc' });
    for (let t = 0; t < 100 && b.getState().risks.size < 6; t++) await sleep(20);
    expect(b.getState().risks.size).toBe(6);
    expect(b.getState().listed.slice(0, items.filter((i) => i.wrong).length).every((r) => b.getState().risks.get(r.id)!.mismatch)).toBe(true);
    expect([...b.getState().risks.values()].filter((r) => r.mismatch).length).toBe(items.filter((i) => i.wrong).length);
  }, 120_000);
});
