// Exports people choose, in a real Chromium on the real fixtures: Export reviewed… opens a dialog
// with the items (scope, statuses, tasks, with counts), the layout, images and marked photos, and
// the count and estimated size before it starts; the zip downloaded holds exactly what was chosen
// (here: three SPAR-Bench rows as parquet with SPAR-Bench's columns and the images inside).
import fs from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { SHARED } from './fixtures';
import { shots } from './helpers';

const FIX = path.resolve(import.meta.dirname, '../src/test/fixtures/review');
const PARQUET = path.join(FIX, 'spar-bench/test-00000-of-00001.parquet');
const README_RECORD = path.join(SHARED, 'benchmarks/spar7m_readme_example.jsonl');

const overlays = (page: Page) => page.locator('.overlays');

async function readParquet(bytes: Uint8Array) {
  const buf = bytes.slice().buffer;
  const metadata = parquetMetadata(buf);
  return { columns: parquetSchema(metadata).children.map((c) => c.element.name), rows: await parquetReadObjects({ file: buf, compressors, utf8: false }) };
}

test('the export dialog: a subset of tasks as SPAR-Bench parquet, counted and sized before it starts', async ({ page }) => {
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
  await expect(overlays(page)).toContainText('Imported 5 items');
  await page.getByTestId('review-file-input').setInputFiles([README_RECORD, PARQUET]);
  await expect(page.getByTestId('queue-counts')).toContainText('11 of 11 items');
  // every item decided by keyboard: the fourth rejected (vague stem), the others accepted
  await page.getByTestId('review-question').click();
  for (let k = 0; k < 11; k++) {
    const before = await page.getByTestId('review-item').getAttribute('data-item-id');
    await page.keyboard.press(k === 3 ? 'r' : 'a');
    if (k === 3) await page.keyboard.press('1');
    if (k < 10) await expect(page.getByTestId('review-item')).not.toHaveAttribute('data-item-id', before!);
  }
  await expect(page.getByTestId('count-accept')).toContainText('10');

  await page.getByTestId('review-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  // the default: accepted and fixed items of every task, as imported, with images
  await expect(page.getByTestId('export-summary')).toContainText('10 items');
  await expect(page.getByTestId('export-summary')).toContainText(/about [\d.]+ kB · \d+ files/);
  await expect(page.getByTestId('export-status-accept')).toBeChecked();
  await expect(page.getByTestId('export-status-reject')).not.toBeChecked();
  await expect(dialog).toContainText('Rejected (1)');
  await expect(page.getByTestId('export-layout-as-imported')).toBeChecked();
  await shots(page, 'exports-dialog-default', { settle: 150 });
  // the review keys do nothing behind the dialog
  await page.keyboard.press('a');
  await expect(page.getByTestId('count-accept')).toContainText('10');

  // the default written: the zip is about the size announced (marked photos drawn in the browser included)
  const announced = /about ([\d.]+) (kB|MB)/.exec((await page.getByTestId('export-summary').textContent()) ?? '')!;
  const estimate = Number(announced[1]) * (announced[2] === 'MB' ? 1e6 : 1e3);
  const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  const written = fs.statSync((await full.path())!).size;
  console.log(`default export: about ${estimate} B announced, ${written} B written`);
  expect(estimate / written).toBeGreaterThan(1 / 1.5);
  expect(estimate / written).toBeLessThan(1.5);
  const fullZip = unzipSync(new Uint8Array(fs.readFileSync((await full.path())!)));
  expect(Object.keys(fullZip).filter((k) => k.startsWith('marked/'))).toHaveLength(7);
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('review-export').click();

  // the rejected ones too, three SPAR-Bench tasks only, as SPAR-Bench parquet, no marked photos
  await page.getByTestId('export-scope-project').check();
  await page.getByTestId('export-status-reject').check();
  await expect(page.getByTestId('export-summary')).toContainText('11 items');
  await page.getByTestId('export-tasks-all').uncheck();
  await expect(page.getByTestId('export-summary')).toContainText('No item matches');
  await expect(page.getByTestId('export-start')).toBeDisabled();
  for (const t of ['obj_spatial_relation_oo', 'view_change_infer', 'camera_motion_infer']) await dialog.locator(`input[data-task="${t}"]`).check();
  await page.getByTestId('export-layout-spar-bench-parquet').check();
  await page.getByTestId('export-marked').uncheck();
  await expect(page.getByTestId('export-summary')).toContainText('3 items');
  await expect(page.getByTestId('export-summary')).toContainText(/about [\d.]+ kB · 3 files/);
  await expect(page.getByTestId('export-start')).toHaveText('Export 3 items');
  await shots(page, 'exports-dialog-parquet-subset', { settle: 150 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  await expect(dialog).toHaveCount(0);
  await expect(overlays(page)).toContainText('Exported 3 items');
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  expect(Object.keys(zip).sort()).toEqual(['items/spar-bench.parquet', 'manifest.json', 'summary.csv']);
  const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
  expect(manifest.counts).toMatchObject({ items: 3, byLayout: { 'spar-bench': 3 }, marked: 0 });
  expect(manifest.filter).toContain('SPAR-Bench parquet');
  // SPAR-Bench's columns, the three rows chosen, their images inside, byte for byte as imported
  const out = await readParquet(zip['items/spar-bench.parquet']);
  const src = await readParquet(new Uint8Array(fs.readFileSync(PARQUET)));
  expect(out.columns).toEqual(src.columns);
  expect(out.rows.map((r) => r.task).sort()).toEqual(['camera_motion_infer', 'obj_spatial_relation_oo', 'view_change_infer']);
  for (const r of out.rows) expect(r).toEqual(src.rows.find((x) => x.id === r.id));
});
