// Depth scale per photo, measured in headless Chromium against the built app (npm run build first):
// the frames of issue 10 dropped one after another, as a person would, and for each step the
// depth-scale menu, the depth source line, the camera height above the fitted floor and the
// plausibility warning, next to the camera height the frame really has.
//   SPATIAL_LENS_PORT=4201 npx tsx bench/depthScale.ts
import fs from 'node:fs';
import path from 'node:path';
import { type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { dropFiles } from '../e2e/helpers';
import { SHARED, fixture, makeFixtures } from '../e2e/fixtures';
import { closeOnStop, failpoint, runBench, serve } from './lib/serve';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = process.env.SPATIAL_LENS_PORT ?? '4173';
const URL_BASE = `http://localhost:${PORT}/`;

const NYU = { rgb: path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'), depth: path.join(SHARED, 'nyu/depth/sync_depth_00000.png'), ann: path.join(SHARED, 'nyu/test_annotations.json'), K: fixture('nyu_K.json') };
const TUM = { rgb: fixture('tum_00050.jpg'), depth: fixture('tum_00050_depth.png'), ann: fixture('tum_00050.json'), K: fixture('tum_00050_K.json') };
const KITTI = { rgb: fixture('kitti_00003.jpg'), depth: fixture('kitti_00003_depth.png'), ann: fixture('kitti_00003.json'), K: fixture('kitti_00003_K.json') };
/** Camera heights of the frames at their true scale (the CLI on the same files). */
const TRUE_HEIGHT = new Map([
  ['rgb_00000.jpg', 1.488],
  ['tum_00050.jpg', 1.464],
  ['kitti_00003.jpg', 0.515],
]);

const scaleMenu = (page: Page) => page.getByTestId('depth-panel').locator('select').filter({ has: page.locator('option', { hasText: 'KITTI' }) });

async function waitForLift(page: Page, file: string, before: string | null) {
  await page.getByTestId('scene-info').filter({ hasText: file }).waitFor({ timeout: 90_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 90_000 });
  // the same photo lifted again: wait for its numbers to change (or give up after 5 s: they may not)
  for (let i = 0; i < 50 && before !== null && (await page.getByTestId('camera-height').inputValue()) === before; i++) await page.waitForTimeout(100);
}

async function row(page: Page, step: string) {
  const file = ((await page.getByTestId('scene-info').locator('strong').first().textContent()) ?? '').trim();
  const menu = await scaleMenu(page).inputValue().catch(() => '—');
  // the scale's own source line where the app has one, else the depth source
  const own = page.getByTestId('depth-scale-source');
  const source = ((await ((await own.count()) ? own : page.getByTestId('depth-panel').locator('.source strong')).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const h = Number(await page.getByTestId('camera-height').inputValue());
  const warning = page.getByTestId('scale-warning');
  const warned = (await warning.count()) ? ((await warning.locator('li').first().textContent()) ?? '').replace(/\s+/g, ' ') : '';
  const fix = page.getByTestId('scale-fix');
  const offer = (await fix.count()) ? ` → "${await fix.textContent()}"` : '';
  const truth = TRUE_HEIGHT.get(file)!;
  const right = Math.abs(h - truth) < 0.05;
  console.log(`| ${step} | ${file} | ${menu} | ${source.slice(0, 60)} | ${h.toFixed(2)} | ${truth.toFixed(2)} | ${right ? 'right' : warned ? 'wrong, warned' : 'WRONG, silent'} | ${warned ? warned + offer : '—'} |`);
}

async function drop(page: Page, files: string[], step: string) {
  const before = (await page.getByTestId('camera-height').count()) ? await page.getByTestId('camera-height').inputValue() : null;
  await dropFiles(page, files);
  await waitForLift(page, path.basename(files[0]), before);
  await row(page, step);
}

async function pick(page: Page, value: string, step: string) {
  const before = await page.getByTestId('camera-height').inputValue();
  await scaleMenu(page).selectOption(value);
  const file = ((await page.getByTestId('scene-info').locator('strong').first().textContent()) ?? '').trim();
  await waitForLift(page, file, before);
  await row(page, step);
}

/** The warning's one-click fix, where the app offers one. */
async function takeProposal(page: Page, step: string) {
  const fix = page.getByTestId('scale-fix');
  if (!(await fix.count())) return;
  const before = await page.getByTestId('camera-height').inputValue();
  const file = ((await page.getByTestId('scene-info').locator('strong').first().textContent()) ?? '').trim();
  await fix.click();
  await waitForLift(page, file, before);
  await row(page, step);
}

await runBench(async () => {
  makeFixtures();
  await serve();
  await failpoint('served');
  const browser = closeOnStop(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  console.log('| step | photo | menu | depth source | camera height (m) | true (m) | | warning |');
  console.log('|---|---|---|---|---|---|---|---|');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${URL_BASE}?nosample`);
  // The sequence: KITTI with its annotation file, "256" picked to check it, then NYU and TUM without one.
  await drop(page, [KITTI.rgb, KITTI.depth, KITTI.ann], '1 KITTI-like + annotation (256)');
  await pick(page, '256', '2 menu: 256 picked');
  await drop(page, [NYU.rgb, NYU.depth, NYU.K], '3 NYU, no scale file');
  await drop(page, [TUM.rgb, TUM.depth, TUM.K], '4 TUM-like, no scale file');
  await takeProposal(page, '4b one click on the proposal');
  // Reopened from the project: the menu must show what the scene used, and changing it must lift again.
  await page.getByTestId('project-button').click();
  const before = await page.getByTestId('camera-height').inputValue();
  await page.getByTestId('open-kitti_00003.jpg').click();
  await waitForLift(page, 'kitti_00003.jpg', before);
  await row(page, '5 KITTI-like reopened');
  await pick(page, '1000', '6 reopened, menu: 1000');
  await pick(page, '256', '7 reopened, menu: 256');
  // All three with their annotation files.
  await drop(page, [NYU.rgb, NYU.depth, NYU.ann], '8 NYU + annotation (1000)');
  await drop(page, [TUM.rgb, TUM.depth, TUM.ann], '9 TUM-like + annotation (5000)');
  await drop(page, [KITTI.rgb, KITTI.depth, KITTI.ann], '10 KITTI-like + annotation (256)');
  await context.close();
  // TUM dropped alone in a fresh tab.
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p2 = await fresh.newPage();
  await p2.goto(`${URL_BASE}?nosample`);
  await drop(p2, [TUM.rgb, TUM.depth, TUM.K], '11 TUM-like alone, no scale file');
  await takeProposal(p2, '11b one click on the proposal');
  await drop(p2, [KITTI.rgb, KITTI.depth, KITTI.K], '12 KITTI-like, no scale file');
  await takeProposal(p2, '12b one click on the proposal');
});
