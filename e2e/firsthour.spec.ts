// What a person meets in the first hour: messages that fade or stay, at most three, a link from an
// import's message to its report (earlier reports kept), Esc closing dialogs and Measure, a real
// New project dialog with distinct names, and the photo that waits for a model shown as that photo.
// Only files made here or kept in the repository are used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { floorPhoto } from './fixtures';
import { dropFiles, openApp, shot } from './helpers';
import { layoutProblems } from './layoutCheck';

const FIX = path.resolve(import.meta.dirname, '../src/test/fixtures/review');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-firsthour-'));
const write = (name: string, bytes: string | Uint8Array) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
};
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('information fades, errors stay until closed, at most three show, and none covers a control', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const messages = page.getByTestId('messages');
  // an error from the scene (an empty photo) and one from the objects stage (a broken COCO file)
  await dropFiles(page, [write('empty.jpg', '')]);
  await expect(messages.getByTestId('message-error')).toContainText('empty.jpg is empty (0 bytes)');
  await dropFiles(page, [write('broken.json', '{"images": [], "annotations": [ {"id": 1, ')]);
  await expect(messages).toContainText('broken.json is not valid JSON');
  // information from the questions: it shows, then fades by itself
  await page.getByTestId('mode-qa').click();
  await page.getByTestId('qa-generate').click();
  const generated = messages.getByTestId('message-info').filter({ hasText: 'Generated' });
  await expect(generated).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await shot(page, 'firsthour-messages-1024');
  await expect(generated).toHaveCount(0, { timeout: 20_000 });
  // the errors are still there, long after
  await expect(messages.getByTestId('message-error')).toHaveCount(2);
  // two more errors (the questions, the review): three show, the oldest waits behind them
  await page.getByTestId('qa-none').click();
  await page.getByTestId('qa-generate').click();
  await expect(messages).toContainText('Choose at least one task.');
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-file-input').setInputFiles(write('empty.jsonl', ''));
  await expect(messages).toContainText('Imported 0 items: empty.jsonl');
  await expect(messages.locator('.message')).toHaveCount(3);
  await expect(messages).toContainText('1 earlier message behind these');
  await expect(messages).not.toContainText('empty.jpg is empty');
  expect(await layoutProblems(page)).toEqual([]);
  await shot(page, 'firsthour-three-errors-1024');
  // closing one brings the one behind back; close all empties the strip
  await messages.locator('.message').first().getByRole('button', { name: 'Dismiss' }).click();
  await expect(messages).toContainText('empty.jpg is empty');
  await expect(messages.locator('.message')).toHaveCount(3);
  await expect(messages).not.toContainText('behind these');
  for (let left = 3; left > 0; left--) {
    await messages.locator('.message').first().getByRole('button', { name: 'Dismiss' }).click();
    await expect(messages.locator('.message')).toHaveCount(left - 1);
  }
});

test('an import’s message and report say the same counts; the message opens the report; earlier reports stay', async ({ page }) => {
  await openApp(page, false);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
  const message = page.getByTestId('messages').getByTestId('message-info');
  await expect(message).toContainText('Imported 5 items');
  const words = /; (\d+ problems?(, \d+ with missing images)?|\d+ with missing images) \(see the import report\)/.exec((await message.textContent()) ?? '');
  expect(words).not.toBeNull();
  await message.getByTestId('open-import-report').click();
  const dialog = page.getByTestId('import-reports-dialog');
  await expect(dialog.getByTestId('import-report-entry')).toHaveCount(1);
  // the report's heading has the message's words (zero problems said as such)
  const heading = (await dialog.getByTestId('import-report-entry').locator('summary').textContent()) ?? '';
  expect(heading).toContain(words![1].includes('problem') ? words![1] : `0 problems, ${words![1]}`);
  await expect(dialog.getByTestId('import-report-entry')).toContainText('sentence_2.jsonl:3');
  await shot(page, 'firsthour-import-report');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // a second import: both reports are in the project's history, newest first
  await page.getByTestId('review-file-input').setInputFiles(write('empty.jsonl', ''));
  await expect(page.getByTestId('messages')).toContainText('Imported 0 items: empty.jsonl');
  await page.getByTestId('import-reports-button').click();
  await expect(dialog.getByTestId('import-report-entry')).toHaveCount(2);
  await expect(dialog.getByTestId('import-report-entry').first()).toContainText('empty.jsonl');
  await expect(dialog.getByTestId('import-report-entry').nth(1)).toContainText('sentence_2.jsonl:3');
  // after a reload too
  await page.reload();
  await page.getByTestId('mode-review').click();
  await page.getByTestId('import-reports-button').click();
  await expect(dialog.getByTestId('import-report-entry')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('Esc closes the Project and Sizes dialogs and leaves Measure; New project is a dialog and names never repeat', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('project-button').click();
  await expect(page.getByTestId('project-panel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-panel')).toHaveCount(0);
  await page.getByTestId('sizes-button').click();
  await expect(page.getByTestId('tab-sizes')).toHaveClass(/on/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-panel')).toHaveCount(0);
  // Measure: Esc leaves it, and a dialog over it closes first
  await page.getByTestId('measure-toggle').click();
  await expect(page.getByTestId('measure-toggle')).toHaveText('Measuring…');
  await page.getByTestId('project-button').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-panel')).toHaveCount(0);
  await expect(page.getByTestId('measure-toggle')).toHaveText('Measuring…');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('measure-toggle')).toHaveText('Measure');

  // New project: a dialog, not a prompt (a prompt would fail this test: no dialog handler is set)
  page.on('dialog', (d) => {
    throw new Error(`a browser dialog was opened: ${d.message()}`);
  });
  await page.getByTestId('mode-review').click();
  const select = page.getByTestId('project-select');
  await select.selectOption('+');
  await expect(page.getByTestId('new-project-dialog')).toContainText('Left empty, it is called “Untitled project”.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('new-project-dialog')).toHaveCount(0);
  for (const expected of ['Untitled project', 'Untitled project 2']) {
    await select.selectOption('+');
    await page.getByTestId('new-project-create').click();
    await expect(select.locator('option:checked')).toHaveText(expected);
  }
  await select.selectOption('+');
  await page.getByTestId('new-project-name').fill('untitled project');
  await expect(page.getByTestId('new-project-dialog')).toContainText('this one will be “untitled project 3”');
  await page.getByTestId('new-project-name').press('Enter');
  await expect(select.locator('option:checked')).toHaveText('untitled project 3');
});

test('the photo waiting for a depth model is the photo shown', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [write('floor.png', floorPhoto())]);
  await expect(page.getByTestId('needs-model')).toContainText('A depth model is needed for floor.png');
  const waiting = page.getByTestId('pending-photo');
  await expect(waiting).toContainText('floor.png: waiting for a depth model');
  const img = waiting.locator('img');
  await expect(img).toHaveAttribute('alt', 'floor.png');
  // the new photo's own pixels (320×240), not the sample's (640×480)
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => `${i.naturalWidth}×${i.naturalHeight}`)).toBe('320×240');
  await expect(page.getByTestId('image-panel')).toHaveCount(0);
  // the right column does not show the previous scene's camera beside the new photo
  await expect(page.getByTestId('panels-waiting')).toBeVisible();
  await expect(page.getByTestId('camera-height')).toHaveCount(0);
  await shot(page, 'firsthour-waiting-photo');
  await page.getByRole('button', { name: 'Back to the current scene' }).click();
  await expect(page.getByTestId('image-panel').locator('img')).toHaveAttribute('alt', 'color.jpg');
  await expect(page.getByTestId('camera-height')).toBeVisible();
});
