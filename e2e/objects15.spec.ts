// Issue 15's objects part in real Chromium on real frames: class-agnostic suppression of the
// detector's overlapping boxes, free-text categories, size edits that keep the bottom, GLB export.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SHARED, model } from './fixtures';
import { dropFiles, openApp, openNyuWithObjects, shot, waitForScene } from './helpers';

const rows = (page: import('@playwright/test').Page) => page.getByTestId('object-list').locator('li');

for (const [w, h] of [[1024, 700], [1920, 1080]] as const)
  test(`objects at ${w}×${h}: one object per detected thing, named freely, bottom kept, GLB`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page);
    // the COCO photo has no depth map: the generated test model lifts it (its geometry is not the point)
    await page.getByTestId('model-input').setInputFiles(model('tiny-dav2-metric.onnx'));
    await expect(page.getByTestId('models-panel')).toContainText('tiny-dav2-metric.onnx');
    // the COCO cats: YOLOX-Nano finds the couch as "bed 55 %" and "couch 39 %"; only the bed stays
    await dropFiles(page, [path.join(SHARED, 'coco/000000039769.png')]);
    await waitForScene(page, '000000039769.png');
    await page.getByTestId('detect').click();
    await expect(rows(page)).toHaveCount(3, { timeout: 60_000 });
    await expect(page.getByTestId('object-list')).not.toContainText('couch');
    await expect(page.getByText(/overlapping detection dropped: couch \d+ % \(overlaps bed \d+ %\)/)).toBeVisible();
    await shot(page, `15-objects-suppressed-${w}`);

    // NYU frame 0 with its depth: draw a box over the wardrobe with no category typed
    await dropFiles(page, [path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'), path.join(SHARED, 'nyu/depth/sync_depth_00000.png'), path.join(SHARED, 'nyu/test_annotations.json')]);
    await waitForScene(page, 'rgb_00000.jpg');
    await page.getByTestId('tool-box').click();
    const img = (await page.getByTestId('objects-overlay').boundingBox())!;
    await page.mouse.move(img.x + img.width * (165 / 640), img.y + img.height * (105 / 480));
    await page.mouse.down();
    await page.mouse.move(img.x + img.width * (320 / 640), img.y + img.height * (366 / 480), { steps: 6 });
    await page.mouse.up();
    const row = rows(page).first();
    await expect(row).toContainText('unnamed');
    await expect(row).toContainText('name it');
    await page.getByTestId('tool-select').click();
    const cat = page.getByTestId('object-category');
    await cat.fill('wardrobe');
    await cat.press('Enter');
    await expect(row).toContainText('wardrobe');
    await expect(row).toContainText('size not judged');
    await expect(row).not.toContainText('implausible');

    // a new height keeps the bottom: centre z moves by half the change
    const z0 = Number(await page.getByTestId('box-center-z').inputValue());
    const h0 = Number(await page.getByTestId('box-size-height').inputValue());
    await page.getByTestId('box-size-height').fill((h0 + 0.2).toFixed(2));
    await page.getByTestId('box-size-height').press('Enter');
    await expect(page.getByTestId('box-center-z')).toHaveValue((z0 + (Number((h0 + 0.2).toFixed(2)) - h0) / 2).toFixed(3));
    await shot(page, `15-objects-wardrobe-${w}`);

    // below 1280 px the scene exports live in the header's More menu
    const exportGlb = async () => {
      if (await page.getByTestId('export-glb').isVisible()) return page.getByTestId('export-glb').click();
      await page.getByTestId('header-menu').click();
      await page.getByTestId('menu-export-glb').click();
    };
    const [dl] = await Promise.all([page.waitForEvent('download'), exportGlb()]);
    expect(dl.suggestedFilename()).toMatch(/\.glb$/);
    const glb = fs.readFileSync((await dl.path())!);
    expect(glb.toString('latin1', 0, 4)).toBe('glTF');
    const json = JSON.parse(glb.toString('utf8', 20, 20 + glb.readUInt32LE(12)));
    expect(json.nodes.map((n: { name?: string }) => n.name)).toContain('camera');
    expect(json.nodes.some((n: { name?: string }) => /^wardrobe /.test(n.name ?? ''))).toBe(true);
  });

for (const [w, h] of [[1024, 700], [1920, 1080]] as const)
  test(`review 3D labels and the Sizes legend at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openNyuWithObjects(page);
    // two depths from the camera: both drawn along the camera axis, the labels used to overlap
    await page.getByTestId('mode-qa').click();
    await page.getByTestId('qa-none').click();
    await page.getByTestId('qa-task-depth_prediction_oo').check();
    await page.getByTestId('qa-count').fill('3');
    await page.getByTestId('qa-count').press('Enter');
    await page.getByTestId('qa-generate').click();
    await expect(page.getByTestId('qa-row').first()).toBeVisible();
    await page.getByTestId('mode-review').click();
    await expect(page.getByTestId('evidence-3d').locator('canvas').first()).toBeVisible();
    await page.waitForTimeout(1500);
    await shot(page, `15-review-depth-labels-${w}`);
    // the Review dashboard registers Chart.js's Legend for every chart; the Sizes charts draw none
    await page.getByTestId('mode-dashboard').click();
    if (await page.getByTestId('sizes-button').isVisible()) await page.getByTestId('sizes-button').click();
    else {
      await page.getByTestId('header-menu').click();
      await page.getByTestId('menu-sizes').click();
    }
    await expect(page.getByTestId('sizes-chair')).toBeVisible();
    await shot(page, `15-sizes-${w}`);
  });
