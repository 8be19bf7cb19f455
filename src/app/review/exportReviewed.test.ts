// The export dialog's layouts through the real review worker (in-process, fake-indexeddb): the
// zip of each layout holds what the layout says, imports back to the same items and decisions,
// and is about the size the dialog estimated before writing it.
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { appendDecision } from '../../adapters/browser/storage/review';
import { EXPORT_LAYOUTS, type ExportChoice } from '../../domain/review/export/choice';
import { estimateExport } from '../../domain/review/export/estimate';
import { fixtureFiles } from '../../test/reviewFiles';
import { inProcessClient } from '../../test/workerClient';
import { createReviewTestApp } from '../testing/reviewTestApp';
import { exportReviewed } from './exportReviewed';

const README = path.resolve(import.meta.dirname, '../../../../shared/data/benchmarks/spar7m_readme_example.jsonl');
// the real SPAR-7M README record lives beside the project (../shared/data), not in it
const HAS_README = existsSync(README);
if (!HAS_README) console.warn(`skipped: the export dialog's layouts test needs ${README} (the reference data beside the project)`);

beforeEach(async () => {
  await db().delete();
  await db().open();
});

async function elevenFiles() {
  return [...(await fixtureFiles('spar7m')), { path: 'spar7m_readme_example.jsonl', blob: new Blob([await readFile(README)]) }, ...(await fixtureFiles('spar-bench'))];
}

describe('exportReviewed: every layout of the dialog', () => {
  it.skipIf(!HAS_README)('writes, estimates and reimports each layout', async () => {
    const client = await inProcessClient();
    const s = createReviewTestApp({ compute: client }).review;
    await s.getState().open('default');
    await s.getState().importFiles(await elevenFiles());
    const rows = s.getState().rows;
    expect(rows).toHaveLength(11);
    // all accepted but the last, rejected (not exported with the default statuses)
    for (const [k, r] of rows.entries())
      await appendDecision({ schema: 'spatial-lens/review@1', item: r.id, decision: k === 10 ? 'reject' : 'accept', reviewer: 'ana', startedAt: '2026-12-06T10:00:00.000Z', decidedAt: '2026-12-06T10:00:05.000Z' }, 'default', `u-${r.id}`);
    await s.getState().refresh();

    const base: ExportChoice = { scope: 'project', statuses: ['accept', 'fix'], tasks: null, layout: 'as-imported', images: true, marked: false };
    const selection = s.getState().exportSelection(base);
    expect(selection.ids).toHaveLength(10);
    const measure = await client.measureExport('default', selection.ids);
    expect(measure.items).toBe(10);

    for (const layout of EXPORT_LAYOUTS) {
      const choice = { ...base, layout };
      let saved: Blob | null = null;
      const text = await exportReviewed(client, (b) => (saved = b), { project: 'default', choice, selection, describe: 'test', progress: () => undefined });
      expect(text).toContain('Exported 10 items');
      const zipBlob = saved as unknown as Blob;
      const zip = unzipSync(new Uint8Array(await zipBlob.arrayBuffer()));
      const names = Object.keys(zip);
      const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
      expect(manifest.counts.items).toBe(10);
      // the whole project's error-rate estimate travels in every layout's manifest: 11 items, all decided, 1 rejected
      const tasks = manifest.error_rate.tasks as { items: number; reviewed: number; wrong: number }[];
      expect([tasks.reduce((n, t) => n + t.items, 0), tasks.reduce((n, t) => n + t.reviewed, 0), tasks.reduce((n, t) => n + t.wrong, 0)], layout).toEqual([11, 11, 1]);
      if (layout === 'as-imported') {
        // SPAR-7M as SPAR-7M, the SPAR-Bench parquet rows as parquet
        expect(names.filter((n) => n.startsWith('items/')).sort()).toEqual(['items/spar-bench.parquet', 'items/spar7m.jsonl']);
        expect(names.some((n) => n.startsWith('images/'))).toBe(true);
      }
      if (layout === 'qa-jsonl') expect(names.filter((n) => n.startsWith('items/'))).toEqual(['items/spatial-lens.jsonl']);
      if (layout === 'spar7m') {
        const files = names.filter((n) => n.startsWith('qa_jsonl/train/'));
        expect(files.length).toBeGreaterThan(1);
        // each file's name carries its record count, as SPAR's index script reads it
        for (const f of files) expect(new TextDecoder().decode(zip[f]).trim().split('\n').length).toBe(Number(/_(\d+)\.jsonl$/.exec(f)![1]));
        expect(names.some((n) => n.startsWith('items/'))).toBe(false);
      }
      if (layout === 'spar-bench-parquet') {
        expect(names.filter((n) => n.startsWith('items/'))).toEqual(['items/spar-bench.parquet']);
        expect(names.some((n) => n.startsWith('images/'))).toBe(false);
      }
      // the estimate made before writing is within a factor of 1.5 of the zip written
      const est = estimateExport(measure, layout, true, false).bytes;
      console.log(`export ${layout}: estimated ${est} B, written ${zipBlob.size} B`);
      expect(est / zipBlob.size, `${layout}: estimated ${est}, wrote ${zipBlob.size}`).toBeGreaterThan(1 / 1.5);
      expect(est / zipBlob.size, `${layout}: estimated ${est}, wrote ${zipBlob.size}`).toBeLessThan(1.5);

      // imported into a new project: the same ten items, each with its decision
      await s.getState().newProject(`Back ${layout}`);
      await s.getState().importFiles([{ path: `${layout}.zip`, blob: zipBlob }]);
      expect(s.getState().message?.text, layout).toContain('10 items, 10 decisions restored');
      expect(s.getState().rows.map((r) => r.id).sort(), layout).toEqual([...selection.ids].sort());
      expect(s.getState().counts?.byStatus, layout).toEqual({ undecided: 0, accept: 10, fix: 0, reject: 0 });
      await s.getState().open('default');
    }
  }, 60_000);
});
