// Hostile input in the review workspace: names that are properties of every object, exports
// changed after they were written, decompression bombs. Each is refused or handled with a message,
// and the workspace keeps working (after a reload too).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { depthPngBomb, zeroZip } from '../src/test/bombs';
import { SHARED } from './fixtures';
import { dropFiles, shot, waitForScene } from './helpers';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sl-hostile-'));
/** The line of issue 11, verbatim. */
const ISSUE_LINE = '{"id":7104,"img_type":"single_view","format_type":"fill","task":"__proto__","source":"scannet","image":["a.png"],"question":"q","answer":"1"}';

async function openReview(page: Page) {
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
}

test('a task named __proto__ is listed, decided, counted, and still there after a reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openReview(page);
  const dir = tmp();
  const file = path.join(dir, 'issue.jsonl');
  fs.writeFileSync(file, `${ISSUE_LINE}\n${ISSUE_LINE.replace('7104', '7105').replace('"__proto__"', '"constructor"')}\n`);
  await page.getByTestId('review-file-input').setInputFiles(file);
  await expect(page.locator('.overlays')).toContainText('Imported 2 items');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', 'issue.jsonl#7104');
  await expect(page.getByTestId('review-rows').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('filter-task')).toContainText('__proto__ (1)');
  await expect(page.getByTestId('filter-task')).toContainText('constructor (1)');
  await page.getByTestId('review-question').click();
  await page.keyboard.press('a');
  await expect(page.getByTestId('count-accept')).toContainText('1');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', 'issue.jsonl#7105');
  // filtered on the task itself
  await page.getByTestId('filter-task').selectOption('__proto__');
  await expect(page.getByTestId('review-rows').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('review-rows').locator('li').first()).toHaveAttribute('data-status', 'accept');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'hostile-proto-1024');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'hostile-proto-1920');

  await page.reload();
  await page.getByTestId('mode-review').click();
  await expect(page.getByTestId('review-rows').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('review-rows').locator('li[data-status="accept"]')).toContainText('__proto__');
  await page.getByTestId('mode-dashboard').click();
  // the per-task charts are canvases: the dashboard's counts say it was built from both items
  await expect(page.getByTestId('dashboard')).toContainText('Items2Decided1 (50.0 %)');
  await page.getByTestId('mode-review').click();
  await expect(page.getByTestId('review-item')).toBeVisible();
  expect(errors).toEqual([]);
});

const FIX = path.resolve(import.meta.dirname, '../src/test/fixtures/review');

test('an export changed after it was written: the import stops, and the user refuses it or imports it flagged', async ({ page, browser }) => {
  await openReview(page);
  const dir = tmp();
  const rows = [0, 1, 2].map((k) => `{"id":${k},"img_type":"single_view","format_type":"fill","task":"depth_prediction_oc","source":"scannet","image":["sb_${k}_0.png"],"question":"How deep is the chair ${k}?","answer":"${k + 1}.5"}`);
  fs.writeFileSync(path.join(dir, 'rows.jsonl'), `${rows.join('\n')}\n`);
  await page.getByTestId('review-file-input').setInputFiles([path.join(dir, 'rows.jsonl'), ...[0, 1, 2].map((k) => path.join(FIX, `spar-bench-jsonl/images/sb_${k}_0.png`))]);
  await expect(page.locator('.overlays')).toContainText('Imported 3 items');
  await page.getByTestId('review-question').click();
  for (let k = 1; k <= 3; k++) {
    await page.keyboard.press('a');
    await expect(page.getByTestId('count-accept')).toContainText(String(k));
  }
  await page.getByTestId('review-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  const original = path.join(dir, 'export.zip');
  await download.saveAs(original);
  await expect(page.locator('.overlays')).toContainText("Its manifest's SHA-256 is");

  // the answer of item 1 edited in the JSONL, the manifest left as it was
  const files = unzipSync(new Uint8Array(fs.readFileSync(original)));
  const items = Object.keys(files).find((p) => p.startsWith('items/'))!;
  files[items] = strToU8(new TextDecoder().decode(files[items]).replace('"answer":"2.5"', '"answer":"9.5"'));
  const changed = path.join(dir, 'changed.zip');
  fs.writeFileSync(changed, zipSync(files));

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const b = await fresh.newPage();
  await openReview(b);
  await b.getByTestId('review-file-input').setInputFiles(changed);
  const dialog = b.getByTestId('modified-export');
  await expect(dialog).toContainText('changed.zip was changed after it was exported');
  await expect(b.getByTestId('modified-files')).toContainText(`${items} does not match the SHA-256 that manifest.json gives for it`);
  await expect(b.getByTestId('modified-files')).toContainText('differs from summary.csv in original_answer, final_answer');
  await expect(dialog).toContainText('The manifest is not signed');
  await b.setViewportSize({ width: 1024, height: 700 });
  await shot(b, 'hostile-modified-export-1024');
  await b.setViewportSize({ width: 1920, height: 1080 });
  await shot(b, 'hostile-modified-export-1920');
  // a review key pressed behind the dialog decides nothing
  await b.keyboard.press('a');
  await b.getByTestId('modified-refuse').click();
  await expect(dialog).toHaveCount(0);
  await expect(b.locator('.overlays')).toContainText('Import refused: changed.zip changed after it was exported, so nothing from this drop was imported.');
  await expect(b.getByTestId('review-rows').locator('li')).toHaveCount(0);

  await b.getByTestId('review-file-input').setInputFiles(changed);
  await b.getByTestId('modified-flag').click();
  await expect(b.locator('.overlays')).toContainText('Imported 3 items');
  await expect(b.locator('.overlays')).toContainText('3 items flagged “modified after export”');
  await b.getByTestId('filter-flag').selectOption('modified-after-export');
  await expect(b.getByTestId('review-rows').locator('li')).toHaveCount(3);
  // the decisions the export carried come back with the items
  await expect(b.getByTestId('count-accept')).toContainText('3');
  await expect(b.getByTestId('review-item').locator('.flags')).toContainText('modified after export');
  await shot(b, 'hostile-modified-flagged-1920');
  await b.setViewportSize({ width: 1024, height: 700 });
  await shot(b, 'hostile-modified-flagged-1024');
  await b.reload();
  await b.getByTestId('mode-review').click();
  await b.getByTestId('filter-flag').selectOption('modified-after-export');
  await expect(b.getByTestId('review-rows').locator('li')).toHaveCount(3);
  await fresh.close();

  // the export as written imports without a question
  const clean = await browser.newContext();
  const c = await clean.newPage();
  await openReview(c);
  await c.getByTestId('review-file-input').setInputFiles(original);
  await expect(c.locator('.overlays')).toContainText('Imported 3 items');
  await expect(c.locator('.overlays')).toContainText('export.zip matches its manifest (5 files; manifest SHA-256');
  await expect(c.getByTestId('modified-export')).toHaveCount(0);
  await expect(c.getByTestId('count-accept')).toContainText('3');
  await expect(c.getByTestId('review-rows').locator('li').first()).not.toContainText('modified');
  await clean.close();
});

test('decompression bombs: a 2.3 GB zip and a 30000×30000 depth map are refused at once, naming the limit', async ({ page }) => {
  const dir = tmp();
  const zip = path.join(dir, 'bomb.zip');
  fs.writeFileSync(zip, zeroZip([{ name: 'x.jsonl', bytes: 2.3e9 }]));
  const liar = path.join(dir, 'liar.zip');
  fs.writeFileSync(liar, zeroZip([{ name: 'x.jsonl', bytes: 2.3e9, sizes: 'small' }]));
  await openReview(page);
  // (time and memory are measured by bench/robustness/bombs.ts: here, that it is refused and said)
  await page.getByTestId('review-file-input').setInputFiles(zip);
  await expect(page.locator('.overlays')).toContainText('Imported 0 items: bomb.zip: the zip would expand 1011 times (2.3 MB to 2.3 GB); the limit is 100 times, so nothing in it was unpacked.');
  await page.getByTestId('review-file-input').setInputFiles(liar);
  await expect(page.locator('.overlays')).toContainText('Imported 0 items: liar.zip/x.jsonl: zip entry x.jsonl inflates past the 1 KB it states');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'hostile-zip-bomb-1024');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'hostile-zip-bomb-1920');

  const depth = path.join(dir, 'depth_bomb.png');
  fs.writeFileSync(depth, depthPngBomb());
  await page.goto('/');
  await waitForScene(page, 'color.jpg');
  await dropFiles(page, [path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'), depth]);
  await expect(page.locator('.overlays')).toContainText('depth_bomb.png is 30000×30000 pixels (900 MP) by its header; the limit for a depth map is 50 MP, so it was not decoded.');
  // the scene on screen is kept
  await expect(page.getByTestId('scene-info')).toContainText('color.jpg');
  await shot(page, 'hostile-depth-bomb-1920');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'hostile-depth-bomb-1024');
});
