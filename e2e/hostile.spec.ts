// Hostile input in the review workspace: names that are properties of every object, exports
// changed after they were written, decompression bombs. Each is refused or handled with a message,
// and the workspace keeps working (after a reload too).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { shot } from './helpers';

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
