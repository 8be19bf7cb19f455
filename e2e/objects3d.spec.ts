import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import * as THREE from 'three';
import { parsePly } from '../src/domain/formats/ply';
import { homeView } from '../src/domain/lifting/display';
import { mat4ToRigid } from '../src/domain/geometry/linalg';
import { SHARED } from './fixtures';
import { dropFiles, openApp, shot, waitForScene } from './helpers';

const NYU = ['rgb/rgb_00000.jpg', 'depth/sync_depth_00000.png', 'test_annotations.json'].map((f) => path.join(SHARED, 'nyu', f));
const rows = (page: Page) => page.getByTestId('object-list').locator('li');

function nyuCoco(dir: string): string {
  const coco = {
    images: [{ id: 1, file_name: 'rgb_00000.jpg', width: 640, height: 480 }],
    categories: [{ id: 67, name: 'dining table' }, { id: 33, name: 'suitcase' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 67, bbox: [448, 178, 136, 72] },
      { id: 3, image_id: 1, category_id: 33, bbox: [66, 300, 86, 88], segmentation: [[66, 310, 150, 300, 152, 380, 70, 388]] },
    ],
  };
  const f = path.join(dir, 'nyu_coco.json');
  fs.writeFileSync(f, JSON.stringify(coco));
  return f;
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return fs.readFileSync((await dl.path())!);
}

test('objects on a real RGB-D frame: pick a box in 3D, edit in 2D and re-lift, draw a polygon, export the scene', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-obj-'));
  await openApp(page);
  await dropFiles(page, [...NYU, nyuCoco(dir)]);
  await waitForScene(page, 'rgb_00000.jpg');
  await expect(rows(page)).toHaveCount(2);

  // Where does the suitcase appear in the 3D view? Rebuild the viewer's camera independently
  // (its home view, fov 50°, z up) from the exported cloud and scene, and project the box centre.
  const ply = parsePly(new Uint8Array(await download(page, 'export-ply')));
  const scene = JSON.parse((await download(page, 'export-scene')).toString('utf8'));
  expect(scene.objects).toHaveLength(2);
  const suitcase = scene.objects.find((o: { category: string }) => o.category === 'suitcase');
  const { R, T } = mat4ToRigid(scene.worldFromCamera);
  const home = homeView(ply.xyz, ply.count, T, R);
  const canvas = page.locator('.viewer canvas');
  const box = (await canvas.boundingBox())!;
  const cam = new THREE.PerspectiveCamera(50, box.width / box.height, 0.01, 500);
  cam.up.set(0, 0, 1);
  cam.position.set(...home.position);
  cam.lookAt(...home.target);
  cam.updateMatrixWorld();
  const ndc = new THREE.Vector3(...suitcase.box3d.center).project(cam);
  await canvas.click({ position: { x: ((ndc.x + 1) / 2) * box.width, y: ((1 - ndc.y) / 2) * box.height } });
  await expect(page.getByTestId('object-3')).toHaveClass(/selected/);
  await shot(page, '15-picked-in-3d');

  // move the table's 2D box: it is lifted again from the new box (a lifted box follows its 2D box)
  const table = page.getByTestId('object-1');
  await table.click();
  const before = await page.getByTestId('box-center-x').inputValue();
  const overlay = page.getByTestId('objects-overlay');
  const ob = (await overlay.boundingBox())!;
  const at = (u: number, v: number) => [ob.x + (u / 640) * ob.width, ob.y + (v / 480) * ob.height] as const;
  await page.mouse.move(...at(520, 215));
  await page.mouse.down();
  await page.mouse.move(...at(450, 215), { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('box-center-x')).not.toHaveValue(before);
  await expect(table).not.toContainText('edited');

  // draw a polygon: three corners and a double-click
  await page.getByTestId('tool-polygon').click();
  await page.getByTestId('draw-category').fill('chair');
  await page.getByTestId('draw-category').press('Enter');
  for (const [u, v] of [[470, 170], [520, 168], [515, 250]]) await page.mouse.click(...at(u, v));
  await page.mouse.dblclick(...at(472, 252));
  await expect(rows(page)).toHaveCount(3);
  await page.getByTestId('tool-select').click();
  const out = JSON.parse((await download(page, 'export-scene')).toString('utf8'));
  const chair = out.objects.find((o: { category: string }) => o.category === 'chair');
  expect(chair.mask.polygon[0].length).toBeGreaterThanOrEqual(6);
  expect(chair.box3d.size[2]).toBeGreaterThan(0.2);
});

test('a 100,000-annotation file imports in the worker with progress; the page stays responsive', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    w.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });
  });
  await openApp(page);
  // 1000 photos × 100 boxes; only the sample photo is here, so 100 land on it and the rest are listed as missing
  const images = Array.from({ length: 1000 }, (_, k) => ({ id: k + 1, file_name: k === 0 ? 'color.jpg' : `photo_${k}.jpg`, width: 640, height: 480 }));
  const annotations = Array.from({ length: 100_000 }, (_, k) => ({ id: k + 1, image_id: (k % 1000) + 1, category_id: 62, bbox: [10 + (k % 50) * 12, 20 + (k % 37) * 11, 40, 30], iscrowd: 0 }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-100k-')), 'big_coco.json');
  fs.writeFileSync(file, JSON.stringify({ images, annotations, categories: [{ id: 62, name: 'chair' }] }));
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.locator('.overlays')).toContainText('Imported 100 of 100000 annotations', { timeout: 60_000 });
  const end = await page.evaluate(() => performance.getEntriesByName('sl:annotations-imported').at(-1)!.startTime);
  await expect(rows(page)).toHaveCount(100, { timeout: 60_000 });
  const long = await page.evaluate(() => (window as unknown as { __long: { start: number; duration: number }[] }).__long);
  const during = long.filter((t) => t.start + t.duration > start && t.start < end).map((t) => t.duration);
  const after = long.filter((t) => t.start >= end).map((t) => t.duration);
  console.log(`100k annotations: imported in ${(end - start).toFixed(0)} ms; longest page task during the import ${Math.max(0, ...during).toFixed(0)} ms, while drawing the 100 objects ${Math.max(0, ...after).toFixed(0)} ms`);
  expect(Math.max(0, ...during)).toBeLessThan(100);
  await expect(page.getByTestId('objects-panel')).toContainText('999 import problems');
});
