import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { fixture, model } from './fixtures';
import { dropFiles, openApp, waitForScene } from './helpers';

// A model placed in models/ with a manifest entry: the server's manifest is replaced for this test.
const bytes = fs.readFileSync(model('tiny-dav2-metric.onnx'));
const sha = createHash('sha256').update(bytes).digest('hex');
const manifest = (sha256: string) =>
  JSON.stringify({ schema: 'spatial-lens/models-manifest@1', models: [{ id: 'dav2-metric-small', name: 'DAv2 metric (from models/)', family: 'depth-anything-v2-metric', file: 'dav2-metric.onnx', sha256 }] });

test('a model listed in models/manifest.json is offered and used; a wrong sha256 is reported', async ({ page, context }) => {
  let sha256 = sha;
  await context.route('**/models/manifest.json', (r) => r.fulfill({ contentType: 'application/json', body: manifest(sha256) }));
  await context.route('**/models/dav2-metric.onnx', (r) => r.fulfill({ contentType: 'application/octet-stream', body: bytes }));
  await openApp(page);
  await expect(page.getByTestId('models-panel')).toContainText('DAv2 metric (from models/)');
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await waitForScene(page, 'floor.png');
  await expect(page.getByTestId('depth-panel')).toContainText('model:dav2-metric-small');

  sha256 = '0'.repeat(64);
  await page.reload();
  await waitForScene(page, 'color.jpg');
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await expect(page.getByTestId('message-error')).toContainText('does not match the sha256 in models/manifest.json');
  await expect(page.getByTestId('scene-info')).toContainText('color.jpg');
});
