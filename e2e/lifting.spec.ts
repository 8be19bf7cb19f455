import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decode } from 'fast-png';
import { parsePly } from '../src/domain/formats/ply';
import { BASE_URL } from '../playwright.config';
import { SHARED } from './fixtures';
import { dropFiles, openApp, pointCount, shot, waitForScene } from './helpers';

const NYU = { rgb: path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'), depth: path.join(SHARED, 'nyu/depth/sync_depth_00000.png'), K: path.join(SHARED, 'nyu/test_annotations.json') };
const NYU_K = { fx: 518.8579, fy: 519.46961, cx: 325.58245, cy: 253.73617 };

test('opens on the bundled RGB-D sample, metric and level, with no model and no download', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openApp(page);
  expect(await pointCount(page)).toBeGreaterThan(200_000);
  await expect(page.getByTestId('camera-source')).toHaveText('intrinsics file');
  await expect(page.getByTestId('gravity-source')).toHaveText('support-plane fit');
  await expect(page.getByTestId('calibration')).toContainText('none (metric as given)');
  await shot(page, '01-sample');
  expect(requests.filter((u) => !u.startsWith(BASE_URL) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
});

test('a dropped photo with its depth map and intrinsics becomes points; hover and measure give metres', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [NYU.rgb, NYU.depth, NYU.K]);
  await waitForScene(page, 'rgb_00000.jpg');
  const n = await pointCount(page);
  expect(n).toBeGreaterThan(150_000);
  await expect(page.getByTestId('camera-source')).toHaveText('intrinsics file');
  expect(await page.evaluate(() => Number(document.body.dataset.pointsShown))).toBeGreaterThan(100_000);

  // Two pixels whose depths we read from the PNG ourselves: the measured distance must match
  // the distance of their unprojections (eq. 3) computed here by hand.
  const png = decode(fs.readFileSync(NYU.depth));
  const pt = (u: number, v: number) => {
    const z = (png.data as Uint16Array)[v * 640 + u] / 1000;
    return [((u - NYU_K.cx) / NYU_K.fx) * z, ((v - NYU_K.cy) / NYU_K.fy) * z, z];
  };
  const A = [320, 240], B = [150, 420];

  const panel = page.getByTestId('image-panel');
  const box = (await panel.boundingBox())!;
  const at = (u: number, v: number) => ({ x: ((u + 0.5) / 640) * box.width, y: ((v + 0.5) / 480) * box.height });
  await panel.hover({ position: at(A[0], A[1]) });
  // clicks land on whole CSS pixels (about 0.6 of an image pixel here): within a pixel of the aim
  await expect(page.getByTestId('hover-readout')).toContainText(/pixel \((319|320|321), (239|240|241)\) → x/);
  await page.getByTestId('measure-toggle').click();
  await panel.click({ position: at(A[0], A[1]) });
  await panel.click({ position: at(B[0], B[1]) });
  const text = (await page.getByTestId('measurement').textContent())!;
  const measured = Number(text.match(/([0-9.]+) m/)![1]);
  const [ua, va, ub, vb] = [...text.matchAll(/pixel \((\d+), (\d+)\)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
  expect(Math.abs(ua - A[0]) + Math.abs(vb - B[1])).toBeLessThanOrEqual(2);
  const pa = pt(ua, va), pb = pt(ub, vb);
  const expected = Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]);
  expect(Math.abs(measured - expected)).toBeLessThan(0.0015);
  await expect(page.getByTestId('measurement')).toContainText('horizontal');
  await shot(page, '02-nyu-measure');

  // Export the PLY and read it back: every point, metric, z up (floor near 0).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ply').click()]);
  const ply = parsePly(new Uint8Array(fs.readFileSync((await download.path())!)));
  expect(ply.count).toBe(n);
  expect(ply.rgb).not.toBeNull();
  const zs = Array.from({ length: 2000 }, (_, k) => ply.xyz[Math.floor((k * ply.count) / 2000) * 3 + 2]).sort((a, b) => a - b);
  expect(Math.abs(zs[Math.floor(zs.length * 0.05)])).toBeLessThan(0.1); // the lowest points are the floor, at z ≈ 0
  expect(zs.every(Number.isFinite)).toBe(true);
  const [sceneDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scene').click()]);
  const scene = JSON.parse(fs.readFileSync((await sceneDl.path())!, 'utf8'));
  expect(scene.schema).toBe('spatial-lens/scene@1');
  expect(scene.points.count).toBe(n);
  expect(scene.camera.fx).toBeCloseTo(NYU_K.fx, 3);
});

test('editing the field of view or the gravity lifts again without losing the scene', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('camera-panel').getByTestId('fx').inputValue();
  await page.getByTestId('fov-slider').fill('80');
  await expect(page.getByTestId('camera-source')).toHaveText('set by hand');
  expect(await page.getByTestId('fx').inputValue()).not.toBe(before);
  await page.getByTestId('pitch').fill('10');
  await page.getByTestId('pitch').press('Enter');
  await expect(page.getByTestId('gravity-source')).toHaveText('set by hand');
  expect(await pointCount(page)).toBeGreaterThan(200_000);
  await shot(page, '03-edited-camera');
});

test('measuring works by clicking points in the 3D view too', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('measure-toggle').click();
  const canvas = page.locator('.viewer canvas');
  const box = (await canvas.boundingBox())!;
  // two spots on the wall behind the chair, as seen from the starting viewpoint
  await canvas.click({ position: { x: box.width * 0.45, y: box.height * 0.35 } });
  await canvas.click({ position: { x: box.width * 0.62, y: box.height * 0.3 } });
  await expect(page.getByTestId('measurement')).toContainText('a point picked in 3D to a point picked in 3D');
  const m = Number((await page.getByTestId('measurement').textContent())!.match(/([0-9.]+) m/)![1]);
  expect(m).toBeGreaterThan(0.05);
  expect(m).toBeLessThan(3);
  await shot(page, '10-measure-3d');
});
