import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SHARED, fixture, model } from './fixtures';
import { dropFiles, openApp, pointCount, shot, waitForScene } from './helpers';

const NYU_DEPTH = path.join(SHARED, 'nyu/depth/sync_depth_00000.png');
const NYU_K = path.join(SHARED, 'nyu/test_annotations.json');

test('CMYK JPEGs and 16-bit RGB PNGs are lifted like any photo', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fixture('cmyk.jpg'), NYU_DEPTH, NYU_K]);
  await waitForScene(page, 'cmyk.jpg');
  expect(await pointCount(page)).toBeGreaterThan(150_000);
  await dropFiles(page, [fixture('rgb16.png'), NYU_DEPTH, NYU_K]);
  await waitForScene(page, 'rgb16.png');
  expect(await pointCount(page)).toBeGreaterThan(150_000);
  await shot(page, '09-rgb16');
});

test('a photo above the working budget is downscaled for lifting, and the app says so', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fixture('big.png'), fixture('big-depth.png'), fixture('big-K.json')]);
  await waitForScene(page, 'big.png');
  await expect(page.getByTestId('message-info')).toContainText('downscaled from 2560×1920');
  await expect(page.getByTestId('scene-info')).toContainText('2560×1920');
  expect(Number(await page.getByTestId('camera-height').inputValue())).toBeCloseTo(1.5, 1);
});

test('EXIF orientation is applied first and its focal length becomes the intrinsics', async ({ page }) => {
  await openApp(page);
  // a model dropped on the window (not picked) is added too
  await dropFiles(page, [model('tiny-dav2-metric.onnx')]);
  await expect(page.getByTestId('models-panel')).toContainText('tiny-dav2-metric.onnx');
  await dropFiles(page, [path.resolve(import.meta.dirname, '../src/test/fixtures/exif-26mm-rot90.jpg')]);
  await waitForScene(page, 'exif-26mm-rot90.jpg');
  await expect(page.getByTestId('scene-info')).toContainText('48×64'); // stored 64×48, rotated 90°
  await expect(page.getByTestId('camera-source')).toHaveText('EXIF');
  await expect(page.getByTestId('camera-panel')).toContainText('EXIF 35 mm-equivalent focal 26 mm');
  expect(Number(await page.getByTestId('fx').inputValue())).toBeCloseTo(48.07, 1); // 26/43.27 × 80 px
});

test('an empty file is named as such and changes nothing', async ({ page }) => {
  await openApp(page);
  const before = await pointCount(page);
  await dropFiles(page, [fixture('empty.jpg')]);
  await expect(page.getByTestId('message-error')).toContainText('empty.jpg is empty (0 bytes)');
  expect(await pointCount(page)).toBe(before);
});
