// A reviewer's mark correction kept through the review's storage, the reviewed export and its
// import, and used by `spatial-lens audit` on that export: an RGB-D item whose blue point was
// never drawn (real NYU/Open3D frame), the point placed by the reviewer, the item accepted.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { decisionsAfter } from '../../adapters/browser/storage/review';
import { measureItem } from '../../domain/qa/audit/measureItem';
import { HAVE_SHARED_DATA } from '../../test/markedPhotos';
import { asQAItem, itemImages } from '../../test/rgbdAudit';
import { rgbdItems } from '../../test/rgbdItems';
import { rgbdParquet } from '../../test/rgbdParquet';
import { withUndrawnMark } from '../../test/rgbdUndrawn';
import { inProcessClient } from '../../test/workerClient';
import { main } from '../../cli/main';
import { pixelAudits } from '../../cli/pixelAudit';
import { type ImportFile, importAll } from '../../domain/review/import';
import { createReviewTestApp } from '../testing/reviewTestApp';
import { exportReviewed } from './exportReviewed';
import type { ExportChoice } from '../../domain/review/export/choice';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

async function audit(dir: string): Promise<{ code: number; lines: { id: string; findings: { code: string; message: string }[]; marks_found?: { color: string; uv?: number[]; source?: string }[]; measured?: { value: number; method: string } }[] }> {
  const out = path.join(dir, 'report.jsonl');
  const l = vi.spyOn(console, 'log').mockImplementation(() => {});
  const e = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await main(['audit', path.join(dir, 'export.zip'), '--out', out]);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((s) => JSON.parse(s));
    return { code, lines };
  } finally {
    l.mockRestore();
    e.mockRestore();
  }
}

describe.skipIf(!HAVE_SHARED_DATA)('a mark correction through storage, export, import and the CLI audit', () => {
  it('is stored with the decision, exported, imported back, and measured by the audit', async () => {
    const made = await rgbdItems(4, 5, 1000);
    const whole = measureItem(asQAItem(made.items[3]), itemImages(made.items[3], made.frames));
    const { item: undrawn, meant } = await withUndrawnMark(made.items[3], made.frames, 'blue');
    const items = [made.items[0], undrawn];
    const client = await inProcessClient();
    const t = createReviewTestApp({ compute: client });
    await t.open();
    await t.s.importFiles([{ path: 'rgbd.parquet', blob: new Blob([rgbdParquet(items, made.frames) as Uint8Array<ArrayBuffer>]) }]);
    await t.settle();
    const id = t.s.rows.find((r) => r.id.endsWith('#3'))!.id;
    await t.s.show(id);
    // the measure worker's report for the photo as it is: no blue point
    const before = measureItem(asQAItem(undrawn), itemImages(undrawn, made.frames));
    expect(before.findings.map((f) => f.code)).toContain('mark-not-found');
    t.s.setFoundMarks(id, before);
    t.s.startPlacing('blue', 'point');
    t.pointer('down', meant.uv[0] + 0.5, meant.uv[1] + 0.5, { size: { width: undrawn.images[0].width, height: undrawn.images[0].height } });
    const placed = t.s.markEdit.corrections;
    expect(placed).toEqual([{ color: 'blue', kind: 'point', image: 0, uv: [Math.round(meant.uv[0] * 100) / 100, Math.round(meant.uv[1] * 100) / 100], source: 'reviewer' }]);
    t.keyDown('a');
    await t.settle();
    const stored = (await decisionsAfter('default')).find((d) => d.item === id)!;
    expect(stored.marks).toEqual(placed);

    // exported as imported (a SPAR-Bench parquet), then imported into a new project
    const base: ExportChoice = { scope: 'project', statuses: ['accept', 'fix', 'reject', 'undecided'], tasks: null, layout: 'as-imported', images: true, marked: false };
    const selection = t.s.exportSelection(base);
    let zip: Blob | null = null;
    await exportReviewed(client, (b) => (zip = b), { project: 'default', choice: base, selection, describe: 'test', progress: () => undefined });
    const zipBytes = new Uint8Array(await (zip as unknown as Blob).arrayBuffer());
    await t.s.newProject('Back');
    await t.s.importFiles([{ path: 'export.zip', blob: new Blob([zipBytes]) }]);
    await t.settle();
    expect(t.s.message?.text).toContain('1 decision');
    const back = (await decisionsAfter(t.s.project)).find((d) => d.item === id)!;
    expect(back.marks).toEqual(placed);
    await t.s.show(id);
    expect(t.s.markEdit.corrections).toEqual(placed);

    // the audit of the export: the reviewer's blue point is measured, and said to be the reviewer's
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-marks-'));
    fs.writeFileSync(path.join(dir, 'export.zip'), zipBytes);
    const { lines } = await audit(dir);
    const line = lines.find((l) => l.id === '3')!;
    expect(line.marks_found?.find((m) => m.color === 'blue')).toMatchObject({ color: 'blue', source: 'reviewer' });
    expect(line.marks_found?.find((m) => m.color === 'red')?.source).toBeUndefined();
    expect(line.findings.map((f) => f.code)).not.toContain('mark-not-found');
    // the export carries the depth grids and cameras (SPAR-Bench-RGBD's columns), so it is measured
    // with the reviewer's point
    expect(line.measured?.method).toBe('distance between the red and blue points, blue placed by reviewer');
    expect(Math.abs((line.measured!.value as number) - (whole.measured!.value as number))).toBeLessThan(0.02);
    t.dispose();

    // with the depth columns (the original RGB-D parquet) and the review the export carried, the
    // audit measures with the reviewer's point
    const imported = await importAll([{ path: 'rgbd.parquet', blob: new Blob([rgbdParquet(items, made.frames) as Uint8Array<ArrayBuffer>]) } as ImportFile]);
    const it3 = imported.items.find((i) => i.appId.endsWith('#3'))!;
    it3.review = { decision: 'accept', marks: placed };
    const px = (await pixelAudits(imported)).get(it3.appId)!;
    expect(px.marks_found.find((m) => m.color === 'blue')?.source).toBe('reviewer');
    expect(px.measured?.method).toBe('distance between the red and blue points, blue placed by reviewer');
    expect(Math.abs((px.measured!.value as number) - (whole.measured!.value as number))).toBeLessThan(0.02);
  }, 120_000);

  it('refuses an imported correction with bad numbers, an unknown colour or odd keys, and keeps the rest', async () => {
    const made = await rgbdItems(1, 5, 1000);
    const client = await inProcessClient();
    const t = createReviewTestApp({ compute: client });
    await t.open();
    await t.s.importFiles([{ path: 'rgbd.parquet', blob: new Blob([rgbdParquet(made.items, made.frames) as Uint8Array<ArrayBuffer>]) }]);
    await t.settle();
    t.s.startPlacing('red', 'point');
    t.pointer('down', 100.5, 100.5);
    t.keyDown('a');
    await t.settle();
    const base: ExportChoice = { scope: 'project', statuses: ['accept'], tasks: null, layout: 'qa-jsonl', images: true, marked: false };
    let zip: Blob | null = null;
    await exportReviewed(client, (b) => (zip = b), { project: 'default', choice: base, selection: t.s.exportSelection(base), describe: 'test', progress: () => undefined });
    const files = unzipSync(new Uint8Array(await (zip as unknown as Blob).arrayBuffer()));
    const rec = JSON.parse(new TextDecoder().decode(files['items/spatial-lens.jsonl']).trim());
    expect(rec.spatial_lens.review.marks).toEqual([{ color: 'red', kind: 'point', image: 0, uv: [100, 100], source: 'reviewer' }]);
    // hand-edited: NaN (JSON null), an unknown colour, a __proto__ key, a point off any photo's scale
    const hostile = JSON.stringify(rec).replace(
      '"marks":[{"color":"red"',
      '"marks":[{"color":"blue","kind":"point","uv":[null,3]},{"color":"purple","kind":"point","uv":[1,2]},{"__proto__":{"x":1},"color":"green","kind":"point","uv":[1,2]},{"color":"green","kind":"point","uv":[1e12,2]},{"color":"yellow","kind":"point","uv":[5000,2]},{"color":"red"',
    );
    await t.s.newProject('Hostile');
    // the edited items file with the export's photos beside it (so the photos' sizes are known)
    const photos = Object.keys(files)
      .filter((n) => n.startsWith('images/'))
      .map((n) => ({ path: n, blob: new Blob([files[n] as Uint8Array<ArrayBuffer>]) }));
    // the photo and the depth map its record names
    expect(photos.map((p) => /_depth_0\.png$/.test(p.path)).sort()).toEqual([false, true]);
    await t.s.importFiles([{ path: 'items/spatial-lens.jsonl', blob: new Blob([hostile + '\n']) }, ...photos]);
    await t.settle();
    const problems = t.s.lastImport!.problems.map((p) => p.message);
    expect(problems).toEqual([
      expect.stringMatching(/a mark correction was refused: the blue point's uv must be two finite numbers \(pixels\), not \[null,3\]$/),
      expect.stringMatching(/a mark correction was refused: unknown mark colour "purple" \(red, blue, green or yellow\)$/),
      expect.stringMatching(/a mark correction was refused: a mark correction has unknown field "__proto__"$/),
      expect.stringMatching(/a mark correction was refused: the green point's uv must be two finite numbers \(pixels\), not \[1000000000000,2\]$/),
      expect.stringMatching(/a mark correction was refused: the yellow point \(5000, 2\) is outside image 1 \(\d+ × \d+\)$/),
    ]);
    const d = (await decisionsAfter(t.s.project))[0];
    expect(d.decision).toBe('accept');
    expect(d.marks).toEqual([{ color: 'red', kind: 'point', image: 0, uv: [100, 100], source: 'reviewer' }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    t.dispose();
  }, 120_000);
});
