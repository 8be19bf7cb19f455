// The reviewer corrects the marks found in a SPAR-Bench-RGBD photo, in real Chromium on a real
// frame: an item whose blue point was never drawn says so and measures nothing; the reviewer
// places the blue point by clicking and the item is measured; dragging the red point onto the
// blue one makes the answer disagree, undo brings it back; the correction is saved with the
// decision and is still there after a reload.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { shots } from './helpers';

/** Where pixel-centre (u, v) of the item's first photo is on the screen (the photo fitted, letterboxed, in its panel). */
async function screenOf(page: Page, uv: readonly [number, number]): Promise<[number, number]> {
  const img = page.getByTestId('review-images').locator('.image-panel img').first();
  const box = (await img.boundingBox())!;
  const [w, h] = await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]);
  const scale = Math.min(box.width / w, box.height / h);
  const left = box.x + (box.width - w * scale) / 2,
    top = box.y + (box.height - h * scale) / 2;
  return [left + (uv[0] + 0.5) * scale, top + (uv[1] + 0.5) * scale];
}

test('the reviewer places a missing mark and drags a found one; the measurement follows, the correction is kept', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-marks-e2e-'));
  const file = path.join(dir, 'sparbench-rgbd.parquet');
  const made = execFileSync('npx', ['tsx', 'bench/rgbdParquet.ts', file, '--items', '4', '--seed', '5', '--undraw', '3:blue', '--decoy', '1:red'], { encoding: 'utf8' });
  // "item 3: the blue point is not drawn; it was meant at image 1, uv 814.66, 401.28"
  const meant = /uv ([\d.]+), ([\d.]+)/.exec(made)!.slice(1, 3).map(Number) as [number, number];
  expect(made).not.toMatch(/wrong: [\d, ]*\b3\b/);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${BASE_URL}?nosample`);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-file-input').setInputFiles(file);
  await expect(page.locator('.overlays')).toContainText('Imported 4 items');
  const rows = page.getByTestId('review-rows').locator('li');
  await rows.nth(3).click();
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /#3$/);
  const measured = page.getByTestId('measured');
  await expect(measured).toContainText('the question names a blue point, but none was found in the image', { timeout: 20_000 });
  await expect(page.getByTestId('measured-line')).toHaveCount(0);
  // the red point found is drawn as a handle on the photo
  const red = page.getByTestId('mark-handles').locator('[data-color="red"]');
  await expect(red).toHaveAttribute('data-state', 'found');
  const redUv = (await red.getAttribute('data-uv'))!.split(',').map(Number) as [number, number];

  // place the blue point: the warning's button, then a click where it belongs
  await page.getByTestId('place-blue-point').click();
  await expect(page.getByTestId('mark-placing')).toContainText('Click the blue point on the photo');
  // Esc cancels placing and decides nothing
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('mark-placing')).toHaveCount(0);
  await expect(rows.nth(3)).toHaveAttribute('data-status', 'undecided');
  await page.getByTestId('place-blue-point').click();
  await shots(page, '70-marks-placing', { settle: 300, restore: false });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(200);
  const [bx, by] = await screenOf(page, meant);
  await page.mouse.click(bx, by);
  const line = page.getByTestId('measured-line');
  await expect(line).toContainText('blue placed by reviewer', { timeout: 20_000 });
  await expect(line).toHaveClass(/agrees/);
  await expect(measured).not.toContainText('none was found');
  const blue = page.getByTestId('mark-handles').locator('[data-color="blue"]');
  await expect(blue).toHaveAttribute('data-state', 'reviewer');
  // placed within a pixel of where it was meant (one screen pixel is about 1.3 image pixels here)
  const placedUv = (await blue.getAttribute('data-uv'))!.split(',').map(Number);
  expect(Math.hypot(placedUv[0] - meant[0], placedUv[1] - meant[1])).toBeLessThan(2);
  await shots(page, '71-marks-placed', { settle: 300, restore: false });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(200);
  const agreed = (await line.textContent())!;

  // drag the red point onto the blue one: about 0 m apart, the answer now disagrees
  const [rx, ry] = await screenOf(page, redUv);
  await page.mouse.move(rx + 3, ry - 2);
  await page.mouse.down();
  await page.mouse.move((rx + bx) / 2, (ry + by) / 2, { steps: 5 });
  await page.mouse.move(bx + 3, by - 2, { steps: 5 });
  await page.mouse.up();
  await expect(line).toHaveClass(/mismatch/, { timeout: 20_000 });
  await expect(line).toContainText('red and blue placed by reviewer');
  await shots(page, '72-marks-dragged-mismatch', { settle: 300, restore: false });
  await page.setViewportSize({ width: 1440, height: 900 });
  // undo the drag (Ctrl+Z takes back the last mark correction, not a decision)
  await page.getByTestId('review-question').click();
  await page.keyboard.press('Control+z');
  await expect(line).toHaveText(agreed, { timeout: 20_000 });
  await expect(rows.nth(3)).toHaveAttribute('data-status', 'undecided');

  // item 1 has a second red point painted: the reviewer clicks the right one
  await rows.nth(1).click();
  await expect(page.getByTestId('mark-doubled')).toContainText('2 red points found', { timeout: 20_000 });
  await expect(page.getByTestId('measured-line')).toHaveCount(0);
  const real = /real at ([\d.]+), ([\d.]+)/.exec(made)!.slice(1, 3).map(Number);
  const candidates = page.getByTestId('mark-handles').locator('[data-color="red"][data-state="candidate"]');
  await expect(candidates).toHaveCount(2);
  const uvs = await candidates.evaluateAll((els) => els.map((e) => e.getAttribute('data-uv')!.split(',').map(Number)));
  const right = uvs.sort((a, b) => Math.hypot(a[0] - real[0], a[1] - real[1]) - Math.hypot(b[0] - real[0], b[1] - real[1]))[0] as [number, number];
  await shots(page, '73-marks-doubled', { settle: 300, restore: false });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(200);
  await page.mouse.click(...(await screenOf(page, right)));
  await expect(page.getByTestId('measured-line')).toContainText('red placed by reviewer', { timeout: 20_000 });
  await expect(page.getByTestId('measured-line')).toHaveClass(/agrees/);
  await expect(page.getByTestId('mark-doubled')).toHaveCount(0);
  await rows.nth(3).click();
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /#3$/);
  await expect(page.getByTestId('measured-line')).toHaveText(agreed, { timeout: 20_000 });

  // accept: the correction goes with the decision; after a reload it is still there
  await page.keyboard.press('a');
  await expect(rows.nth(3)).toHaveAttribute('data-status', 'accept');
  await page.reload();
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-rows').locator('li').nth(3).click();
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /#3$/);
  await expect(page.getByTestId('mark-corrections')).toContainText('blue point');
  await expect(page.getByTestId('measured-line')).toHaveText(agreed, { timeout: 20_000 });
});
