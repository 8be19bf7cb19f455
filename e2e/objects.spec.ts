import fs from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { SHARED, model } from './fixtures';
import { dropFiles, openApp, shot, waitForScene } from './helpers';

const CAT = path.join(SHARED, 'coco/000000039769.png');
const COCO = path.join(SHARED, 'coco/coco_annotations.txt');
const rows = (page: Page) => page.getByTestId('object-list').locator('li');

async function openCats(page: Page) {
  await openApp(page);
  // the COCO photo has no depth map: a depth model lifts it (the generated one: geometry is not the point here)
  await page.getByTestId('model-input').setInputFiles(model('tiny-dav2-metric.onnx'));
  await expect(page.getByTestId('models-panel')).toContainText('tiny-dav2-metric.onnx');
  await dropFiles(page, [CAT, COCO]);
  await waitForScene(page, '000000039769.png');
  await expect(rows(page)).toHaveCount(6);
}

test('COCO annotations: import, select in 2D and see it in 3D, edit the box, undo, redo, export', async ({ page }) => {
  await openCats(page);
  await expect(page.getByTestId('object-list')).toContainText('cat');
  await expect(page.getByTestId('object-list')).toContainText('remote');
  await expect(page.locator('.overlays')).toContainText('Imported 6 of 6 annotations for 1 photo');

  // select the small remote (id 1108446, inside the couch and the bed) by clicking it in the photo
  const panel = page.getByTestId('objects-overlay');
  const box = (await panel.boundingBox())!;
  await panel.click({ position: { x: ((332.9 + 19) / 640) * box.width, y: ((79.6 + 53) / 480) * box.height } });
  await expect(page.getByTestId('object-1108446')).toHaveClass(/selected/);
  // selected in 3D too: its box gets handles (the toolbar offers them) and its points are tinted
  await expect(page.getByTestId('box-mode-translate')).toBeVisible();
  await expect(page.getByTestId('selected-object')).toContainText('points in the box');
  await shot(page, '11-objects-selected');

  // edit the 3D box numerically, then undo and redo with the keyboard
  const length = page.getByTestId('box-size-length');
  const before = await length.inputValue();
  await length.fill(String(Number(before) + 0.5));
  await length.press('Enter');
  await expect(page.getByTestId('object-1108446')).toContainText('edited');
  await page.getByTestId('objects-panel').locator('.panel-title').click(); // leave the field
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('object-1108446')).not.toContainText('edited');
  await expect(length).toHaveValue(before);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('object-1108446')).toContainText('edited');

  // draw a new box with the box tool
  await page.getByTestId('tool-box').click();
  await page.getByTestId('draw-category').fill('cup');
  await page.getByTestId('draw-category').press('Enter');
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.92, { steps: 5 });
  await page.mouse.up();
  await expect(rows(page)).toHaveCount(7);
  await expect(page.getByTestId('object-list')).toContainText('cup');
  await page.getByTestId('tool-select').click();

  // export: every annotation with its 3D box, the edit kept
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-coco').click()]);
  const coco = JSON.parse(fs.readFileSync((await dl.path())!, 'utf8'));
  expect(coco.annotations).toHaveLength(7);
  expect(coco.annotations.filter((a: { box3d?: unknown }) => a.box3d).length).toBeGreaterThanOrEqual(6);
  const remote = coco.annotations.find((a: { id: number }) => a.id === 1108446);
  expect(remote.category_id).toBe(75);
  expect(remote.box3d.size[0]).toBeCloseTo(Number(before) + 0.5, 2);
  expect(remote.spatial_lens.source).toBe('edited');
  expect(coco.categories.map((c: { name: string }) => c.name).sort()).toEqual(['bed', 'cat', 'couch', 'cup', 'remote']);

  // the edit survives a reload: the scene is kept in the project and reopened from it
  await page.reload();
  await waitForScene(page, 'color.jpg');
  await page.getByTestId('project-button').click();
  await expect(page.getByTestId('scenes-table')).toContainText('000000039769.png');
  await page.getByTestId('open-000000039769.png').click();
  await waitForScene(page, '000000039769.png');
  await expect(rows(page)).toHaveCount(7);
  await expect(page.getByTestId('object-1108446')).toContainText('edited');

  // sizes across the project: a histogram per category; a bar lists its objects; one opens
  await page.getByTestId('sizes-button').click();
  await expect(page.getByTestId('sizes-cat')).toBeVisible();
  await shot(page, '12-sizes');
  await page.getByTestId('sizes-cat').locator('canvas').first().click({ position: { x: 60, y: 60 } });
  await expect(page.getByTestId('bin-objects').first()).toContainText('000000039769.png');
});

test('the detector: detections are marked, can be accepted or deleted', async ({ page }) => {
  await openCats(page);
  // the photo's own annotations already hold the cats, the bed and the couch: by default a detection
  // of the same thing is dropped as a duplicate, whatever its class
  await page.getByTestId('detect').click();
  await expect(page.getByText(/^0 objects detected .* dropped: cat \d+ % \(overlaps cat\)/)).toBeVisible({ timeout: 60_000 });
  await expect(rows(page)).toHaveCount(6);
  // with suppression off every detection is listed beside them
  await page.getByTestId('overlap-iou').fill('1');
  await expect(page.getByTestId('objects-panel')).toContainText('overlap any (off)');
  await page.getByTestId('detect').click();
  const detected = page.getByTestId('object-list').locator('li', { hasText: 'detected' });
  await expect(detected.first()).toBeVisible({ timeout: 60_000 });
  const n = await detected.count();
  expect(n).toBeGreaterThanOrEqual(2); // two cats at least (YOLOX-Nano, score ≥ 0.3)
  await expect(page.getByTestId('object-list')).toContainText('cat');
  await shot(page, '13-detections');
  const first = detected.first();
  const id = (await first.getAttribute('data-testid'))!.replace('object-', '');
  await page.getByTestId(`accept-${id}`).click();
  await expect(page.getByTestId(`object-${id}`)).not.toContainText('detected');
  const second = page.getByTestId('object-list').locator('li', { hasText: 'detected' }).first();
  const id2 = (await second.getAttribute('data-testid'))!.replace('object-', '');
  await page.getByTestId(`delete-${id2}`).click();
  await expect(page.getByTestId(`object-${id2}`)).toHaveCount(0);
});

test('bad annotation files are reported, the rest imported', async ({ page }) => {
  await openApp(page);
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'sl-coco-'));
  const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
  // a broken JSON file with an "annotations" key in its head
  await dropFiles(page, [write('broken.json', '{"images": [], "annotations": [ {"id": 1, ')]);
  await expect(page.getByTestId('message-error').first()).toContainText('broken.json is not valid JSON');
  // annotations for a photo that was not dropped, an unknown category, a zero-area box
  const coco = {
    images: [{ id: 1, file_name: 'color.jpg', width: 640, height: 480 }, { id: 2, file_name: 'missing.jpg', width: 640, height: 480 }],
    categories: [{ id: 62, name: 'chair' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 62, bbox: [330, 100, 300, 280] },
      { id: 2, image_id: 1, category_id: 999, bbox: [10, 10, 50, 50] },
      { id: 3, image_id: 1, category_id: 62, bbox: [10, 10, 0, 50] },
      { id: 4, image_id: 2, category_id: 62, bbox: [10, 10, 50, 50] },
    ],
  };
  await dropFiles(page, [write('coco.json', JSON.stringify(coco))]);
  const msg = page.locator('.overlays');
  await expect(msg).toContainText('Imported 1 of 4 annotations');
  await expect(page.getByTestId('objects-panel')).toContainText('import problem');
  await page.getByTestId('objects-panel').locator('summary').click();
  await expect(page.getByTestId('objects-panel')).toContainText('missing.jpg');
  await expect(page.getByTestId('objects-panel')).toContainText('999');
  await expect(rows(page)).toHaveCount(1);
  await shot(page, '14-import-problems');
});
