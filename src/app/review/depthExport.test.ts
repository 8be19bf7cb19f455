// A reviewed export of SPAR-Bench-RGBD items keeps what they are measured from: the depth maps
// (and cameras) travel with it in every layout, so `spatial-lens audit` on the export measures the
// same values as on the original parquet, the reviewer's placed mark included.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { HAVE_SHARED_DATA } from '../../test/markedPhotos';
import { asQAItem, itemImages } from '../../test/rgbdAudit';
import { rgbdItems } from '../../test/rgbdItems';
import { rgbdParquet } from '../../test/rgbdParquet';
import { withUndrawnMark } from '../../test/rgbdUndrawn';
import { folderFiles } from '../../test/folderFiles';
import { writeSpar7mFixture } from '../../test/spar7mLayout';
import { inProcessClient } from '../../test/workerClient';
import { main } from '../../cli/main';
import { pixelAudits } from '../../cli/pixelAudit';
import { measureItem } from '../../domain/qa/audit/measureItem';
import { readExport } from '../../domain/review/exportBundle';
import { type ImportFile, importAll } from '../../domain/review/import';
import { EXPORT_LAYOUTS, type ExportChoice, type ExportLayout } from '../../domain/review/export/choice';
import { createReviewTestApp } from '../testing/reviewTestApp';
import { dexieJobStorage } from '../../adapters/browser/storage/reviewJobs';
import { estimateExport } from '../../domain/review/export/estimate';
import { measureJob } from './jobs/measureJob';
import { exportReviewed } from './exportReviewed';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

type Line = { id: string; findings: { code: string; message: string }[]; marks_found?: { color: string; source?: string }[]; measured?: { value: number; method: string } };

async function audit(file: string, bytes: Uint8Array | null): Promise<{ code: number; lines: Line[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-depthexport-'));
  if (bytes) fs.writeFileSync(path.join(dir, file), bytes);
  const out = path.join(dir, 'report.jsonl');
  const l = vi.spyOn(console, 'log').mockImplementation(() => {});
  const e = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await main(['audit', bytes ? path.join(dir, file) : file, '--out', out]);
    return { code, lines: fs.readFileSync(out, 'utf8').trim().split('\n').map((s) => JSON.parse(s)) };
  } finally {
    l.mockRestore();
    e.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const codes = (l: Line) => l.findings.map((f) => f.code).sort();

describe.skipIf(!HAVE_SHARED_DATA)('a reviewed export of RGB-D items', () => {
  it('is measured by the audit as the original is, in every layout, with the reviewer’s mark', async () => {
    const made = await rgbdItems(4, 5, 1000);
    const { item: undrawn, meant } = await withUndrawnMark(made.items[3], made.frames, 'blue');
    const items = [made.items[0], made.items[1], made.items[2], undrawn];
    const parquet = rgbdParquet(items, made.frames);
    const client = await inProcessClient();
    const t = createReviewTestApp({ compute: client });
    await t.open();
    await t.s.importFiles([{ path: 'rgbd.parquet', blob: new Blob([parquet as Uint8Array<ArrayBuffer>]) }]);
    await t.settle();
    const id = t.s.rows.find((r) => r.id.endsWith('#3'))!.id;
    await t.s.show(id);
    t.s.setFoundMarks(id, measureItem(asQAItem(undrawn), itemImages(undrawn, made.frames)));
    t.s.startPlacing('blue', 'point');
    t.pointer('down', meant.uv[0] + 0.5, meant.uv[1] + 0.5, { size: { width: undrawn.images[0].width, height: undrawn.images[0].height } });
    const placed = t.s.markEdit.corrections;
    expect(placed).toHaveLength(1);
    t.keyDown('a');
    await t.settle();

    // the original: the parquet itself, and (for the corrected item) with the review's mark
    const original = await audit('rgbd.parquet', parquet);
    const imported = await importAll([{ path: 'rgbd.parquet', blob: new Blob([parquet as Uint8Array<ArrayBuffer>]) } as ImportFile]);
    const it3 = imported.items.find((i) => i.appId.endsWith('#3'))!;
    it3.review = { decision: 'accept', marks: placed };
    const corrected = (await pixelAudits(imported)).get(it3.appId)!;
    expect(corrected.measured?.method).toBe('distance between the red and blue points, blue placed by reviewer');
    const wanted = new Map(original.lines.map((l) => [l.id, l]));
    for (const l of original.lines.filter((l) => l.id !== '3')) expect(l.measured, `item ${l.id} measured in the original`).toBeDefined();

    for (const layout of EXPORT_LAYOUTS as readonly ExportLayout[]) {
      const choice: ExportChoice = { scope: 'project', statuses: ['accept', 'fix', 'reject', 'undecided'], tasks: null, layout, images: true, marked: false };
      let zip: Blob | null = null;
      await exportReviewed(client, (b) => (zip = b), { project: 'default', choice, selection: t.s.exportSelection(choice), describe: 'test', progress: () => undefined });
      const bytes = new Uint8Array(await (zip as unknown as Blob).arrayBuffer());
      // the manifest covers every file (the depth maps too), checked as an import checks it
      const back = await readExport(bytes);
      expect(back.unlisted, layout).toEqual([]);
      const got = await audit('export.zip', bytes);
      expect(got.code, layout).toBe(original.code);
      expect(got.lines.map((l) => l.id).sort(), layout).toEqual([...wanted.keys()].sort());
      for (const l of got.lines) {
        const o = wanted.get(l.id)!;
        if (l.id === '3') {
          expect(l.marks_found?.find((m) => m.color === 'blue')?.source, layout).toBe('reviewer');
          expect(l.measured?.method, layout).toBe(corrected.measured!.method);
          expect(Math.abs(l.measured!.value - (corrected.measured!.value as number)), layout).toBeLessThan(0.001);
          continue;
        }
        expect(codes(l), `${layout}, item ${l.id}`).toEqual(codes(o));
        expect(l.measured?.method, `${layout}, item ${l.id}`).toBe(o.measured!.method);
        expect(Math.abs(l.measured!.value - o.measured!.value), `${layout}, item ${l.id}`).toBeLessThan(0.001);
      }
      if (layout === 'spar-bench-parquet' || layout === 'as-imported') {
        // SPAR-Bench-RGBD's columns: a grid of numbers per image, the cameras as 4×4 lists
        const files = unzipSync(bytes);
        const pq = files['items/spar-bench.parquet'];
        const meta = parquetMetadata(pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.length) as ArrayBuffer);
        const cols = parquetSchema(meta).children.map((c) => c.element.name);
        expect(cols, layout).toEqual(['id', 'img_type', 'format_type', 'task', 'source', 'image', 'question', 'answer', 'depth', 'pose', 'intrinsic_color', 'intrinsic_depth']);
        // the dialog's estimate counts the depth grids the parquet holds
        const m = await measureJob(dexieJobStorage(), 'default', t.s.rows.map((r) => r.id));
        const est = estimateExport(m, layout, true, false).bytes;
        expect(est / bytes.length, `${layout}: estimated ${est}, written ${bytes.length}`).toBeGreaterThan(0.5);
        expect(est / bytes.length, `${layout}: estimated ${est}, written ${bytes.length}`).toBeLessThan(2);
      } else {
        expect(back.manifest.counts.depth, layout).toBe(items.length);
        // the dialog's measure counts the depth maps as the export writes them
        const m = await measureJob(dexieJobStorage(), 'default', t.s.rows.map((r) => r.id));
        expect(m.images, layout).toBe(back.images.size);
        expect(m.imageBytes, layout).toBe([...back.images.values()].reduce((n, b) => n + b.length, 0));
      }
    }
    t.dispose();
  }, 240_000);

  it('of a SPAR-7M-RGBD folder (depth PNGs, cameras from text files) is measured as the folder is, in every layout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-depthexport-spar7m-'));
    const fx = writeSpar7mFixture(dir);
    const client = await inProcessClient();
    const t = createReviewTestApp({ compute: client });
    await t.open();
    await t.s.importFiles(folderFiles(fx.root));
    await t.settle();
    expect(t.s.rows).toHaveLength(fx.items.length);
    const original = await audit(fx.root, null);
    const wanted = new Map(original.lines.map((l) => [l.id, l]));
    const measured = original.lines.filter((l) => l.measured);
    expect(measured.length).toBe(fx.items.filter((i) => i.measurable).length);
    for (const layout of EXPORT_LAYOUTS as readonly ExportLayout[]) {
      const choice: ExportChoice = { scope: 'project', statuses: ['accept', 'fix', 'reject', 'undecided'], tasks: null, layout, images: true, marked: false };
      let zip: Blob | null = null;
      await exportReviewed(client, (b) => (zip = b), { project: 'default', choice, selection: t.s.exportSelection(choice), describe: 'test', progress: () => undefined });
      const bytes = new Uint8Array(await (zip as unknown as Blob).arrayBuffer());
      expect((await readExport(bytes)).unlisted, layout).toEqual([]);
      const got = await audit('export.zip', bytes);
      expect(got.code, layout).toBe(original.code);
      expect(got.lines.map((l) => l.id).sort(), layout).toEqual([...wanted.keys()].sort());
      for (const l of got.lines) {
        const o = wanted.get(l.id)!;
        expect(codes(l), `${layout}, item ${l.id}`).toEqual(codes(o));
        expect(l.measured?.method, `${layout}, item ${l.id}`).toBe(o.measured?.method);
        if (o.measured) expect(Math.abs(l.measured!.value - o.measured.value), `${layout}, item ${l.id}`).toBeLessThan(0.001);
      }
    }
    t.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
