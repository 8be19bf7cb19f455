// Depth scale and intrinsics belong to each photo: NYU (millimetres), TUM-like (5000 per metre) and
// KITTI-like (256 per metre) frames dropped one after another, with and without their annotation
// files, reopened from the project; the camera heights, the menu and the plausibility warning.
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { SHARED, fixture } from './fixtures';
import { dropFiles, openApp, shot, waitForScene } from './helpers';

const NYU = { rgb: path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'), depth: path.join(SHARED, 'nyu/depth/sync_depth_00000.png'), ann: path.join(SHARED, 'nyu/test_annotations.json'), K: fixture('nyu_K.json') };
const TUM = { rgb: fixture('tum_00050.jpg'), depth: fixture('tum_00050_depth.png'), ann: fixture('tum_00050.json'), K: fixture('tum_00050_K.json') };
const KITTI = { rgb: fixture('kitti_00003.jpg'), depth: fixture('kitti_00003_depth.png'), ann: fixture('kitti_00003.json'), K: fixture('kitti_00003_K.json') };
// The frames' camera heights above their floors at their true scale (spatial-lens lift on the same files).
const H = { nyu: 1.49, tum: 1.46, kitti: 0.52 };

const height = async (page: Page) => Number(await page.getByTestId('camera-height').inputValue());
const menu = (page: Page) => page.getByTestId('depth-scale');

/** Waits until the camera height shown is `h` (± 3 cm): the lift of a new scale has landed. */
async function expectHeight(page: Page, h: number) {
  await expect.poll(async () => `${(await height(page)).toFixed(2)} m, off by ${Math.abs((await height(page)) - h) < 0.03 ? 'under 3 cm' : 'more'}`, { timeout: 60_000 }).toMatch(/under 3 cm/);
}

async function drop(page: Page, files: string[], h: number) {
  await dropFiles(page, files);
  await waitForScene(page, path.basename(files[0]));
  await expectHeight(page, h);
}

async function reopen(page: Page, id: string, h?: number) {
  await page.getByTestId('project-button').click();
  await page.getByTestId(`open-${id}`).click();
  await waitForScene(page, id);
  if (h !== undefined) await expectHeight(page, h);
}

test("the issue's sequence: each photo lifted at its own scale, a wrong one said at once and fixed in one click, reopening keeps and relifts", async ({ page }) => {
  await openApp(page, false);
  // KITTI-like with its annotation file: 256 per metre, and the menu says so
  await drop(page, [KITTI.rgb, KITTI.depth, KITTI.ann], H.kitti);
  await expect(menu(page)).toHaveValue('256');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('from kitti_00003.json');
  await expect(page.getByTestId('scale-warning')).toHaveCount(0);
  // "256" picked in the menu, as a user checking the value would
  await menu(page).selectOption('256');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('chosen by you for this photo');
  await expectHeight(page, H.kitti);

  // NYU without a scale file: millimetres, not the 256 of the photo before (was 5.78 m)
  await drop(page, [NYU.rgb, NYU.depth, NYU.K], H.nyu);
  await expect(menu(page)).toHaveValue('1000');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('default: no file gave a scale for this depth map');
  await expect(page.getByTestId('scale-warning')).toHaveCount(0);

  // TUM-like without a scale file: read as millimetres it is 5× too large, and the app says so at once
  await dropFiles(page, [TUM.rgb, TUM.depth, TUM.K]);
  await waitForScene(page, 'tum_00050.jpg');
  const warning = page.getByTestId('scale-warning');
  await expect(warning).toContainText('camera 7.32 m above the floor; indoor cameras are 0.3–3 m');
  await expect(warning).toContainText('At 5000 per metre (TUM): camera 1.46 m above the floor');
  await expect(page.getByTestId('scale-fix')).toHaveText('Lift at 5000 per metre (TUM)');
  await expect(menu(page)).toHaveValue('1000');
  await expect(page.getByTestId('plausibility')).toContainText('Implausible for indoor');
  for (const [w, h] of [[1024, 700], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await expect(warning).toBeInViewport();
    await shot(page, `50-scale-warning-${w}`);
    await page.getByTestId('depth-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('depth-panel').screenshot({ path: `test-results/screens/50-depth-panel-${w}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('scale-fix').click();
  await expectHeight(page, H.tum);
  await expect(menu(page)).toHaveValue('5000');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('chosen by you for this photo');
  await expect(warning).toHaveCount(0);

  // Reopened from the project: the scale it was lifted at, and the menu lifts it again
  await reopen(page, 'kitti_00003.jpg', H.kitti);
  await expect(menu(page)).toHaveValue('256');
  await expect(page.getByTestId('depth-panel')).toContainText('dataset:kitti_00003_depth.png (256 per metre)');
  await menu(page).selectOption('1000');
  await expectHeight(page, 0.13);
  await expect(page.getByTestId('scale-fix')).toHaveText('Lift at 256 per metre (KITTI)');
  await page.getByTestId('scale-fix').click();
  await expectHeight(page, H.kitti);
  await expect(menu(page)).toHaveValue('256');
  await reopen(page, 'tum_00050.jpg', H.tum);
  await expect(menu(page)).toHaveValue('5000');
  await reopen(page, 'rgb_00000.jpg', H.nyu);
  await expect(menu(page)).toHaveValue('1000');
  await expect(warning).toHaveCount(0);
});

test('with their annotation files one after another; a typed scale; "use for the next photos too" only when asked', async ({ page }) => {
  await openApp(page, false);
  await drop(page, [NYU.rgb, NYU.depth, NYU.ann], H.nyu);
  await expect(menu(page)).toHaveValue('1000');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('from test_annotations.json');
  await drop(page, [TUM.rgb, TUM.depth, TUM.ann], H.tum);
  await expect(menu(page)).toHaveValue('5000');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('from tum_00050.json');
  await drop(page, [KITTI.rgb, KITTI.depth, KITTI.ann], H.kitti);
  await expect(menu(page)).toHaveValue('256');
  await expect(page.getByTestId('scale-warning')).toHaveCount(0);
  await expect(page.getByTestId('plausibility')).toContainText('Plausible for indoor');

  // a value of one's own: the menu shows it
  await menu(page).selectOption('other');
  await page.getByTestId('depth-scale-other').fill('512');
  await page.getByTestId('depth-scale-other').press('Enter');
  await expectHeight(page, H.kitti / 2);
  await expect(menu(page)).toHaveValue('512');
  await expect(menu(page).locator('option:checked')).toHaveText('512');

  // KITTI-like without its annotation file: read as millimetres, a 13 cm camera, and 256 offered
  await drop(page, [KITTI.rgb, KITTI.depth, KITTI.K], 0.13);
  await expect(page.getByTestId('scale-warning')).toContainText('camera 0.13 m above the floor; indoor cameras are 0.3–3 m');
  await page.getByTestId('scale-fix').click();
  await expectHeight(page, H.kitti);
  await expect(menu(page)).toHaveValue('256');

  // TUM-like without a scale file, fixed to 5000, and that carried to the next photos on request
  await drop(page, [TUM.rgb, TUM.depth, TUM.K], 7.32);
  await page.getByTestId('scale-fix').click();
  await expectHeight(page, H.tum);
  await page.getByTestId('carry-depth-scale').check();
  await expect(page.getByTestId('depth-panel')).toContainText('Use 5000 per metre (TUM) for the next photos too');
  await drop(page, [TUM.rgb, TUM.depth, TUM.K], H.tum);
  await expect(menu(page)).toHaveValue('5000');
  await expect(page.getByTestId('depth-scale-source')).toHaveText('carried over from earlier photos, as you asked');
  await expect(page.getByTestId('carry-depth-scale')).toBeChecked();
  // a photo with its own annotation file keeps its own scale
  await drop(page, [KITTI.rgb, KITTI.depth, KITTI.ann], H.kitti);
  await expect(menu(page)).toHaveValue('256');
  // unticked: nothing is carried
  await page.getByTestId('carry-depth-scale').uncheck();
  await drop(page, [NYU.rgb, NYU.depth, NYU.K], H.nyu);
  await expect(menu(page)).toHaveValue('1000');
});

test('intrinsics set by hand stay with their photo unless carried over', async ({ page }) => {
  await openApp(page, false);
  await drop(page, [NYU.rgb, NYU.depth, NYU.ann], H.nyu);
  await page.getByTestId('fx').fill('420');
  await page.getByTestId('fx').press('Enter');
  await expect(page.getByTestId('camera-source')).toHaveText('set by hand');
  // the next photo has no intrinsics file: the default field of view, not NYU's hand-set fx
  await dropFiles(page, [TUM.rgb, TUM.depth]);
  await waitForScene(page, 'tum_00050.jpg');
  await expect(page.getByTestId('camera-source')).toHaveText('default field of view');
  // back to NYU, its fx carried on request
  await reopen(page, 'rgb_00000.jpg');
  await expect(page.getByTestId('camera-source')).toHaveText('set by hand');
  await expect(page.getByTestId('fx')).toHaveValue('420.00');
  await page.getByTestId('carry-camera').check();
  await dropFiles(page, [TUM.rgb, TUM.depth]);
  await expect(page.getByTestId('camera-panel')).toContainText('carried over from earlier photos, as you asked', { timeout: 60_000 });
  await expect(page.getByTestId('fx')).toHaveValue('420.00');
});
