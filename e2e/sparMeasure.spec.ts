// SPAR-Bench-RGBD in the review workspace on real frames: a parquet of synthetic items over the
// NYU and Open3D frames (bench/rgbdParquet.ts) is imported; each item shows its answer beside the
// measurement from its own marks and depth, a wrong one in red; the Dashboard estimates how much
// of the set is wrong.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { shots } from './helpers';

test('imported RGB-D items are measured from their marks and depth; the Dashboard estimates the error rate', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-rgbd-e2e-'));
  const file = path.join(dir, 'sparbench-rgbd.parquet');
  const made = execFileSync('npx', ['tsx', 'bench/rgbdParquet.ts', file, '--items', '9'], { encoding: 'utf8' });
  // "9 items (3 wrong: 2, 5, 8) → …"
  const wrong = new Set(/wrong: ([\d, ]+)\)/.exec(made)![1].split(', '));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${BASE_URL}?nosample`);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-file-input').setInputFiles(file);
  await expect(page.locator('.overlays')).toContainText('Imported 9 items');
  const rows = page.getByTestId('review-rows').locator('li');
  await expect(rows).toHaveCount(9);
  let sawMismatch = false,
    sawAgree = false;
  for (let k = 0; k < 9; k++) {
    await rows.nth(k).click();
    const id = (await page.getByTestId('review-item').getAttribute('data-item-id'))!.split('#').pop()!;
    const line = page.getByTestId('measured-line');
    await expect(line).toContainText(/^answer .* · measured /, { timeout: 20_000 });
    await expect(page.getByTestId('marks-found')).toContainText('red point');
    const cls = await line.getAttribute('class');
    expect(cls!.includes('mismatch'), `item ${id}: ${await line.textContent()}`).toBe(wrong.has(id));
    if (wrong.has(id) && !sawMismatch) {
      sawMismatch = true;
      await shots(page, '60-spar-measured-mismatch', { restore: false });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    if (!wrong.has(id) && !sawAgree) {
      sawAgree = true;
      await shots(page, '61-spar-measured-agrees', { restore: false });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    // decide: the wrong ones rejected (reason 4, factual inconsistency), the others accepted
    await page.getByTestId('review-question').click();
    if (wrong.has(id)) {
      await page.keyboard.press('r');
      await expect(page.getByTestId('reject-reasons')).toBeVisible();
      await page.keyboard.press('4');
    } else await page.keyboard.press('a');
    await expect(rows.nth(k)).not.toHaveAttribute('data-status', 'undecided');
  }
  // the first item's photo lifts with its own depth and intrinsics (no model), and the marks found
  // in its pixels are placed in 3D and measured there too
  await rows.nth(0).click();
  await expect(page.getByTestId('measured-line')).toContainText('measured', { timeout: 20_000 });
  await page.getByTestId('lift-item-image').click();
  const readings = page.getByTestId('mark-readings');
  await expect(readings).toContainText('Measured on the lifted photo', { timeout: 60_000 });
  await expect(readings).toContainText('Depth: dataset');
  await shots(page, '63-spar-lifted-marks-3d', { restore: false });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('mode-dashboard').click();
  // 3 of 9 wrong across 7 tasks: every task reviewed in full, so the stratified estimate is exact
  await expect(page.getByTestId('error-rate-overall')).toContainText('33.3 %');
  await expect(page.getByTestId('error-rate-tasks')).toContainText('depth_prediction_oc');
  await shots(page, '62-spar-error-rate-dashboard', { restore: false });
});
