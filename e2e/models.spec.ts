import { expect, test } from '@playwright/test';
import { fixture, model } from './fixtures';
import { dropFiles, openApp, pointCount, shot, waitForScene } from './helpers';

test.describe.configure({ mode: 'serial' });

test('a photo without depth and no model leads to a screen saying what to add; adding a model lifts it', async ({ page }) => {
  await openApp(page);
  const before = await pointCount(page);
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await expect(page.getByTestId('needs-model')).toContainText('A depth model is needed for floor.png');
  await expect(page.getByTestId('needs-model')).toContainText('Depth Anything V2');
  await shot(page, '04-needs-model');
  // Back to the scene: nothing was lost.
  await page.getByRole('button', { name: 'Back to the current scene' }).click();
  expect(await pointCount(page)).toBe(before);
  // Drop the photo again and add the model from the screen: it is checked, kept and used.
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await page.getByTestId('needs-model-input').setInputFiles(model('tiny-dav2-metric.onnx'));
  await waitForScene(page, 'floor.png');
  await expect(page.getByTestId('backend')).toContainText('wasm');
  await expect(page.getByTestId('gravity-source')).toHaveText('support-plane fit');
  const height = Number(await page.getByTestId('camera-height').inputValue());
  expect(Math.abs(height - 1.4)).toBeLessThan(0.06); // the floor photo was made for a camera 1.4 m up
  await expect(page.getByTestId('models-panel')).toContainText('tiny-dav2-metric.onnx');
  await shot(page, '05-lifted-with-model');

  // The model is kept in the browser (IndexedDB) across visits: no need to add it again.
  await page.reload();
  await waitForScene(page, 'color.jpg');
  await expect(page.getByTestId('models-panel')).toContainText('tiny-dav2-metric.onnx');
  await dropFiles(page, [fixture('floor.png')]);
  await waitForScene(page, 'floor.png');
  await expect(page.getByTestId('camera-source')).toHaveText('default field of view');
});

test('wrong models and bad files get messages naming what was expected and found; the scene stays', async ({ page }) => {
  await openApp(page);
  const before = await pointCount(page);
  await page.getByTestId('model-input').setInputFiles(model('wrong-rank.onnx'));
  await expect(page.getByTestId('message-error')).toContainText('expected an image input [1, 3, H, W]');
  await expect(page.getByTestId('message-error')).toContainText('found inputs input [1, 224]');
  await shot(page, '06-wrong-model');
  await page.getByTestId('model-input').setInputFiles(fixture('notes.onnx'));
  await expect(page.getByTestId('message-error')).toContainText('notes.onnx is not a valid ONNX model');
  await dropFiles(page, [fixture('truncated.jpg')]);
  await expect(page.getByTestId('message-error')).toContainText('could not be decoded');
  await dropFiles(page, [fixture('IMG_0001.HEIC')]);
  await expect(page.getByTestId('message-error')).toContainText('HEIC/HEIF, which browsers cannot decode');
  await dropFiles(page, [fixture('photo-640.png'), fixture('bad-K.json')]);
  await expect(page.getByTestId('message-error')).toContainText('fx must be positive');
  await shot(page, '07-bad-intrinsics');
  expect(await pointCount(page)).toBe(before);
  await expect(page.getByTestId('scene-info')).toContainText('color.jpg');
});
