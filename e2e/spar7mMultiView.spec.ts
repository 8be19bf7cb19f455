// SPAR-7M-RGBD in the review workspace on real frames: a folder with the camera text files
// (intrinsic/, pose/) beside the Open3D redwood photos is imported; a multi-view item shows its
// answer beside the measurement across its two photos, and lifting its first photo places the
// second by its pose in the same frame, with both photos' marks and the segment between them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { shots } from './helpers';

test('a SPAR-7M-RGBD folder: cameras read, a multi-view item measured and its photos lifted into one frame', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-spar7m-e2e-'));
  const made = JSON.parse(execFileSync('npx', ['tsx', 'bench/spar7mFolder.ts', dir], { encoding: 'utf8' }).trim().split('\n').pop()!) as {
    root: string;
    items: { id: string; task: string; wrong: boolean; measurable: boolean }[];
  };
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${BASE_URL}?nosample`);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-folder-input').setInputFiles(made.root);
  await expect(page.locator('.overlays')).toContainText(`Imported ${made.items.length} items`);
  const rows = page.getByTestId('review-rows').locator('li');
  await expect(rows).toHaveCount(made.items.length);

  // every measurable item shows answer vs measured, the wrong ones in red
  const byId = new Map(made.items.map((i) => [i.id, i]));
  let mv = -1,
    unposed = -1;
  let shown = '';
  for (let k = 0; k < made.items.length; k++) {
    await rows.nth(k).click();
    // the item on screen is the one clicked (the first is shown after the import)
    if (k > 0) await expect(page.getByTestId('review-item')).not.toHaveAttribute('data-item-id', shown);
    shown = (await page.getByTestId('review-item').getAttribute('data-item-id'))!;
    const id = shown.split('#').pop()!;
    const it = byId.get(id)!;
    const line = page.getByTestId('measured-line');
    if (id === 'redwood_01_9') unposed = k;
    if (!it.measurable) continue;
    await expect(line).toContainText(/^answer .* · measured /, { timeout: 20_000 });
    expect((await line.getAttribute('class'))!.includes('mismatch'), `${id}: ${await line.textContent()}`).toBe(it.wrong);
    if (id === 'redwood_00_5') mv = k;
  }
  expect(mv).toBeGreaterThanOrEqual(0);
  await rows.nth(mv).click();
  await expect(page.getByTestId('measured-line')).toContainText('distance between the red and blue points', { timeout: 20_000 });
  const measured = Number(/measured ([\d.]+) m/.exec((await page.getByTestId('measured-line').textContent())!)![1]);

  // lifting image 1 puts image 2 beside it by its pose: both photos' marks, measured against each other
  await page.getByTestId('lift-item-image').click();
  const readings = page.getByTestId('mark-readings');
  await expect(readings).toContainText('All 2 photos in the camera frame of image 1', { timeout: 60_000 });
  await expect(readings).toContainText('Depth: dataset');
  const text = (await readings.textContent())!;
  const across = Number(/red point \(image 1\) → blue point \(image 2\): ([\d.]+) m/.exec(text)![1]);
  // the 3D view's measurement and the audit's agree (the lifted photo's depth and the raw depth differ by its filters only)
  expect(Math.abs(across - measured)).toBeLessThan(0.05 * measured + 0.02);
  await expect(page.locator('body')).toHaveAttribute('data-posed-points', /^\d{5,}$/);
  await shots(page, '64-spar7m-multiview-3d', { settle: 400, restore: false, before: (p) => p.getByTestId('evidence-3d').scrollIntoViewIfNeeded() });
  // stepped back: both photos' clouds, the second tinted, lying on each other
  await page.setViewportSize({ width: 1440, height: 900 });
  const viewer = page.getByTestId('viewer');
  await viewer.scrollIntoViewIfNeeded();
  await viewer.hover();
  for (let k = 0; k < 4; k++) await page.mouse.wheel(0, 400);
  await shots(page, '65-spar7m-multiview-3d-wide', { settle: 400, restore: false, before: (p) => p.getByTestId('evidence-3d').scrollIntoViewIfNeeded() });

  // a multi-view item whose first frame is untracked: its photo lifts alone, and the reason is said
  await rows.nth(unposed).click();
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /#redwood_01_9$/);
  await page.getByTestId('lift-item-image').click();
  await expect(page.getByTestId('posed-unposed')).toHaveText('One mark is on the item’s other photos, which cannot be placed in one frame with this one: image 1 lacks a pose.', { timeout: 60_000 });
});
