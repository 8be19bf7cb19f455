import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { type Page, expect, test } from '@playwright/test';
import { openApp, openNyuWithObjects, shot, waitForScene } from './helpers';
import { SHARED } from './fixtures';

const rows = (page: Page) => page.getByTestId('qa-row');

test('generate questions for a lifted scene: choices, preview with marks, kept across reloads, exported', async ({ page }) => {
  await openNyuWithObjects(page);
  await page.getByTestId('mode-qa').click();
  await expect(page.getByTestId('qa-generator')).toContainText('7 objects with a 3D box');
  await expect(page.getByTestId('qa-list')).toContainText('No questions yet');

  // two SPAR tasks and two HiSpatial ones, three formats, 40 questions
  await page.getByTestId('qa-none').click();
  for (const t of ['distance_prediction_oo', 'obj_spatial_relation_oo', 'hispatial/L2/distance']) await page.getByTestId(`qa-task-${t}`).check();
  // a whole level at once, less one task
  await page.getByTestId('qa-group-HiSpatial L0').check();
  await page.getByTestId('qa-task-hispatial/L0/point_3d').uncheck();
  await page.getByTestId('qa-format-sentence').uncheck();
  await page.getByTestId('qa-count').fill('40');
  await page.getByTestId('qa-count').press('Enter');
  await page.getByTestId('qa-generate').click();
  await expect(rows(page)).toHaveCount(40);
  await expect(page.locator('.overlays')).toContainText('Generated 40 questions');
  await expect(page.getByTestId('mode-qa')).toHaveText('Questions (40)');
  const tasks = await rows(page).locator('.qa-task').allTextContents();
  expect(new Set(tasks)).toEqual(new Set(['distance_prediction_oo', 'obj_spatial_relation_oo', 'hispatial/L2/distance', 'hispatial/L0/depth_order']));
  const formats = await rows(page).locator('.tag').allTextContents();
  expect(new Set(formats)).toEqual(new Set(['fill', 'select', 'judge']));
  await expect(page.getByTestId('qa-report')).toContainText('hispatial/L2/distance');
  await expect(page.getByTestId('qa-report')).toContainText('object 4 (chair) not used: it has no 3D box');

  // the first question is selected: its SPAR marks are drawn on the photo where the item says
  const first = rows(page).first();
  await expect(first).toHaveClass(/selected/);
  await expect(page.getByTestId('qa-question')).toContainText('(red point)');
  await expect(page.getByTestId('qa-marks').locator('circle')).toHaveCount(2);
  await shot(page, '20-qa-spar');

  // a HiSpatial multiple-choice question: the options (2 to 4: as many as the scene's other distances
  // allow, every two apart by the rule), the right one marked
  await page.getByTestId('qa-filter').selectOption('hispatial/L2/distance');
  const hs = rows(page).filter({ has: page.locator('.tag', { hasText: 'select' }) }).first();
  await hs.click();
  const options = await page.getByTestId('qa-detail').locator('.qa-options li').count();
  expect(options).toBeGreaterThanOrEqual(2);
  expect(options).toBeLessThanOrEqual(4);
  await expect(page.getByTestId('qa-detail').locator('.qa-options li.correct')).toHaveCount(1);
  await shot(page, '21-qa-hispatial');
  // keyboard: j moves to the next listed question
  const before = await page.getByTestId('qa-question').textContent();
  await page.keyboard.press('j');
  await expect(page.getByTestId('qa-question')).not.toHaveText(before!);
  await page.getByTestId('qa-filter').selectOption('');

  // export: JSONL, SPAR-7M layout and one marked photo per item with marks
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('qa-export').click()]);
  expect(dl.suggestedFilename()).toBe('rgb_00000.qa.zip');
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await dl.path())!)));
  const lines = new TextDecoder().decode(zip['qa.jsonl']).trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(40);
  expect(Object.keys(lines[0]).slice(0, 5)).toEqual(['id', 'image', 'task', 'question', 'answer']);
  expect(Object.keys(zip).some((k) => k.startsWith('spar7m/qa_jsonl/train/distance_prediction_oo/fill/fill_'))).toBe(true);
  // the original photo the records name travels too, byte for byte
  expect(new Set(lines.flatMap((l) => l.image))).toEqual(new Set(['rgb_00000.jpg']));
  expect(Buffer.from(zip['images/rgb_00000.jpg']).equals(fs.readFileSync(path.join(SHARED, 'nyu/rgb/rgb_00000.jpg')))).toBe(true);
  const marked = Object.keys(zip).filter((k) => k.startsWith('marked/'));
  expect(marked.length).toBe(lines.filter((l) => l.spatial_lens.marks.length).length);
  // a marked photo is a JPEG of the stored size
  const jpg = zip[marked[0]];
  expect([jpg[0], jpg[1]]).toEqual([0xff, 0xd8]);

  // the questions are kept with the scene: reload, reopen the scene from the project
  await page.reload();
  await waitForScene(page, 'color.jpg');
  await page.getByTestId('project-button').click();
  await page.getByTestId('open-rgb_00000.jpg').click();
  await waitForScene(page, 'rgb_00000.jpg');
  await page.getByTestId('mode-qa').click();
  await expect(rows(page)).toHaveCount(40);
  const again = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(again).toEqual(lines.map((l) => l.id));
});

test('a scene without objects says what it can and cannot ask', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('mode-qa').click();
  await page.getByTestId('qa-count').fill('12');
  await page.getByTestId('qa-count').press('Enter');
  await page.getByTestId('qa-generate').click();
  // only pixel-level questions need no objects: the sample's cloud gives those
  await expect(rows(page)).toHaveCount(12);
  expect(new Set(await rows(page).locator('.qa-task').allTextContents())).toEqual(new Set(['hispatial/L0/point_3d', 'hispatial/L0/depth_order']));
  await expect(page.getByTestId('qa-report')).toContainText('no object can be asked about (the scene has no objects)');
  await shot(page, '22-qa-no-objects');
  // nothing chosen: a clear message, nothing replaced
  await page.getByTestId('qa-none').click();
  await page.getByTestId('qa-generate').click();
  await expect(page.getByTestId('message-error')).toContainText('Choose at least one task.');
  await expect(rows(page)).toHaveCount(12);
});

test('a front given by hand makes orientation questions possible', async ({ page }) => {
  await openNyuWithObjects(page);
  await page.getByTestId('object-5').click(); // the wardrobe
  await page.getByTestId('object-facing').check();
  await expect(page.getByTestId('object-5')).toContainText('edited');
  await shot(page, '23-front-arrow');
  await page.getByTestId('mode-qa').click();
  await page.getByTestId('qa-none').click();
  await page.getByTestId('qa-task-hispatial/L1/orientation').check();
  await page.getByTestId('qa-generate').click();
  // one object, four formats
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).first()).toContainText('wardrobe');
  // the box's yaw is −19°: its front points to the camera's right, 71° from facing the camera
  await expect(page.getByTestId('qa-list')).toContainText('faces to the right');
});
