// Review that is never misleading, in a real Chromium on the real fixtures: an exported reviewed zip
// brings its decisions back at once; a fix of the wrong kind is refused and nothing stored; an import
// cut off by a killed browser is reported on the next open and finished by importing again; blind
// review hides the key until the reviewer has answered; the queue searches question, options and
// answer, and each row shows the start of its question.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { BASE_URL, PORT } from '../playwright.config';
import { SHARED } from './fixtures';
import { openNyuWithObjects, shots } from './helpers';
import { killChromium, startChromium, stopChromium } from './killable';

const FIX = path.resolve(import.meta.dirname, '../src/test/fixtures/review');
const README_RECORD = path.join(SHARED, 'benchmarks/spar7m_readme_example.jsonl');
const GOLDEN = path.resolve(import.meta.dirname, '../src/domain/qa/generate/golden/living-room.jsonl');

/** The same screen at a small laptop's size and at full HD. */

const itemId = (page: Page) => page.getByTestId('review-item').getAttribute('data-item-id');
const overlays = (page: Page) => page.locator('.overlays');

async function openReview(page: Page) {
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
  await expect(page.getByTestId('review-item').or(page.locator('.review-empty'))).toBeVisible();
}

/** The eleven items: the SPAR-7M folder, the real README record, the SPAR-Bench parquet. */
async function importEleven(page: Page) {
  await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
  await expect(overlays(page)).toContainText('Imported 5 items');
  await page.getByTestId('review-file-input').setInputFiles([README_RECORD, path.join(FIX, 'spar-bench/test-00000-of-00001.parquet')]);
  await expect(overlays(page)).toContainText('Imported 6 items');
  await expect(page.getByTestId('queue-counts')).toContainText('11 of 11 items');
}

test('an exported reviewed zip imported into a new project shows its decisions at once', async ({ page }) => {
  await openReview(page);
  await importEleven(page);
  // every item decided by keyboard: ten accepted, one rejected (not exported by default)
  await page.getByTestId('review-question').click();
  for (let k = 0; k < 11; k++) {
    const before = await itemId(page);
    await page.keyboard.press(k === 3 ? 'r' : 'a');
    if (k === 3) await page.keyboard.press('1');
    if (k < 10) await expect(page.getByTestId('review-item')).not.toHaveAttribute('data-item-id', before!);
  }
  await expect(page.getByTestId('count-undecided')).toContainText('0');
  await expect(page.getByTestId('count-accept')).toContainText('10');
  await page.getByTestId('review-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-export-')), download.suggestedFilename());
  await download.saveAs(zip);

  await page.getByTestId('project-select').selectOption('+');
  await page.getByTestId('new-project-name').fill('From the export');
  await page.getByTestId('new-project-create').click();
  await expect(page.getByTestId('queue-counts')).toContainText('0 of 0 items');
  await page.getByTestId('review-file-input').setInputFiles(zip);
  await expect(overlays(page)).toContainText('Imported 10 items, 10 decisions restored');
  // at once, without a reload: the counts, the rows and the item on screen
  await expect(page.getByTestId('queue-counts')).toContainText('10 of 10 items');
  await expect(page.getByTestId('count-accept')).toContainText('10');
  await expect(page.getByTestId('count-undecided')).toContainText('0');
  await expect(page.getByTestId('review-rows').locator('li[data-status="accept"]')).toHaveCount(10);
  await expect(page.getByTestId('review-history')).toContainText('accept by reviewer');
});

test('a fix of the wrong kind is refused with a message, and nothing is stored', async ({ page }) => {
  await openReview(page);
  await page.getByTestId('review-file-input').setInputFiles(path.join(FIX, 'spar-bench/test-00000-of-00001.parquet'));
  await expect(page.getByTestId('queue-counts')).toContainText('5 of 5 items');
  // the multiple-choice row whose options are in its question: A–D
  await page.getByTestId('filter-text').fill('sofa');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /#2$/);
  await page.getByTestId('review-question').click();
  await page.keyboard.press('f');
  await expect(page.getByTestId('fix-hint')).toContainText('one of the option letters A, B, C, D');
  await page.getByTestId('fix-answer').fill('E');
  await page.getByTestId('fix-answer').press('Enter');
  await expect(page.getByTestId('fix-refused')).toHaveText('Not saved: A multiple-choice item’s answer is one of its option letters, A, B, C or D; “E” is not one.');
  await expect(page.getByTestId('fix-form')).toBeVisible();
  await shots(page, 'trust-fix-refused', { settle: 150 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('count-fix')).toContainText('0');
  await expect(page.getByTestId('count-undecided')).toContainText('1');

  // a number keeps its unit (here: none, the question gives it)
  await page.getByTestId('filter-text').fill('towel');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /#0$/);
  await page.getByTestId('review-question').click();
  await page.keyboard.press('f');
  await page.getByTestId('fix-answer').fill('1.2 m');
  await page.getByTestId('fix-save').click();
  await expect(page.getByTestId('fix-refused')).toContainText('The answer is a bare number, like the original “0.9” (the question gives the unit): write “1.2”, without “m”.');
  await expect(page.getByTestId('count-fix')).toContainText('0');
  // the same fix written right is stored
  await page.getByTestId('fix-answer').fill('1.2');
  await expect(page.getByTestId('fix-refused')).toHaveCount(0);
  await page.getByTestId('fix-answer').press('Enter');
  await expect(page.getByTestId('count-fix')).toContainText('1');
});

/**
 * Drops a JSONL file of `n` SPAR-Bench rows on the window, the file made in the page (the same
 * name and bytes every time): a 20 MB file is not sent over the test's connection to the browser.
 */
async function dropBigFile(page: Page, n: number): Promise<void> {
  await page.evaluate((count) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++)
      out.push(JSON.stringify({ id: i, img_type: 'single_view', format_type: 'fill', task: i % 2 ? 'depth_prediction_oc' : 'distance_prediction_oc', source: 'scannet', image: [`sb_${i % 3}_0.png`], question: `How far is the chair (red point) number ${i} from the camera? The unit is meter.`, answer: (1 + (i % 40) / 10).toFixed(1) }));
    const dt = new DataTransfer();
    dt.items.add(new File([`${out.join('\n')}\n`], 'sparbench_100k.jsonl', { lastModified: 0 }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
  }, n);
}

test('an import cut off by a killed browser is reported on the next open, and importing the file again finishes it', async () => {
  test.setTimeout(300_000);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-profile-'));
  let run = await startChromium(profile, PORT + 5170);
  try {
    let page = run.page;
    await page.goto(`${BASE_URL}?nosample`);
    await page.getByTestId('mode-review').click();
    await dropBigFile(page, 100_000);
    // killed once a good part of the items is stored, well before the end
    await page.waitForFunction(
      () => {
        const t = document.querySelector('[data-testid="review-progress"]')?.textContent ?? '';
        const m = /Importing items ([\d,]+) \/ ([\d,]+)/.exec(t);
        if (!m) return false;
        const f = Number(m[1].replace(/,/g, '')) / Number(m[2].replace(/,/g, ''));
        return f > 0.25 && f < 0.8;
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    await killChromium(run);

    run = await startChromium(profile, PORT + 5171);
    page = run.page;
    await page.goto(`${BASE_URL}?nosample`);
    await page.getByTestId('mode-review').click();
    const notice = page.getByTestId('interrupted-imports');
    await expect(notice).toContainText('The import of sparbench_100k.jsonl');
    await expect(notice).toContainText(/did not finish: [\d,]+ of 100,000 lines imported; import the file again to finish\./);
    await expect(overlays(page)).toContainText('of 100,000 lines imported; import the file again to finish');
    const done = Number(/([\d,]+) of 100,000/.exec((await notice.textContent())!)![1].replace(/,/g, ''));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(100_000);
    // exactly what the notice says is stored
    await expect(page.getByTestId('queue-counts')).toContainText(`${done} of ${done} items`);
    await shots(page, 'trust-interrupted-import', { settle: 150 });

    await dropBigFile(page, 100_000);
    await expect(overlays(page)).toContainText(`${done.toLocaleString('en-US')} already there, ${(100_000 - done).toLocaleString('en-US')} added`, { timeout: 120_000 });
    await expect(overlays(page)).toContainText('the unfinished import of sparbench_100k.jsonl is now complete');
    await expect(page.getByTestId('queue-counts')).toContainText('100000 of 100000 items');
    await expect(notice).toHaveCount(0);
    await shots(page, 'trust-import-finished', { settle: 150 });
    // and the next open has nothing to report
    await page.reload();
    await page.getByTestId('mode-review').click();
    await expect(page.getByTestId('queue-counts')).toContainText('100000 of 100000 items');
    await expect(notice).toHaveCount(0);
  } finally {
    await stopChromium(run);
    setTimeout(() => fs.rmSync(profile, { recursive: true, force: true }), 2000).unref();
  }
});

test('blind review: the key stays hidden until the reviewer answers with one key or a typed number; the agreement is shown and counted', async ({ page }) => {
  await openReview(page);
  // real generated items (the living-room golden set): a multiple-choice, a true/false and two numbers
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-blind-'));
  const golden = fs.readFileSync(GOLDEN, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const pick = (task: string, format: string) => golden.find((i) => i.task === task && i.spatial_lens.format === format);
  const items = [pick('distance_prediction_oo', 'select'), pick('hispatial/L2/distance', 'judge'), pick('distance_prediction_oc', 'fill'), pick('hispatial/L1/size', 'fill')];
  const file = path.join(dir, 'living-room-blind.jsonl');
  fs.writeFileSync(file, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
  await page.getByTestId('review-file-input').setInputFiles(file);
  await expect(page.getByTestId('queue-counts')).toContainText('4 of 4 items');
  const appId = (id: string) => `living-room-blind.jsonl#${id}`;
  await page.getByTestId('blind-toggle').check();

  // multiple choice: no answer, no marked option, no evidence until answered. The letters and the
  // key are read from the item itself (the distractor rule decides how many options there are).
  const mc = items[0];
  const letters: string[] = mc.spatial_lens.options.map((o: string) => o[0]);
  const keyLetter: string = mc.answer;
  const wrong = letters.find((l) => l !== keyLetter)!;
  const keyOption: string = mc.spatial_lens.options.find((o: string) => o.startsWith(`${keyLetter}.`));
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', appId(mc.id));
  await expect(page.getByTestId('blind-prompt')).toContainText(`Your answer first: press its letter (${letters.join(', ')}).`);
  await expect(page.getByTestId('review-answer')).toHaveCount(0);
  await expect(page.locator('.qa-options li.correct')).toHaveCount(0);
  await expect(page.getByTestId('decide-accept')).toBeDisabled();
  await expect(page.getByText('Source and evidence')).toHaveCount(0);
  await shots(page, 'trust-blind-golden-before', { settle: 150 });
  // a wrong option letter: the first press answers, it does not decide
  await page.getByTestId('review-question').click();
  await page.keyboard.press(wrong.toLowerCase());
  await expect(page.getByTestId('blind-verdict')).toHaveText(`your answer: ${wrong} · key: ${keyLetter} ✗`);
  await expect(page.getByTestId('review-answer')).toContainText(keyLetter);
  await expect(page.locator('.qa-options li.correct')).toHaveText(keyOption);
  await expect(page.getByTestId('count-accept')).toContainText('0');
  // now A accepts
  await page.keyboard.press('a');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', appId(items[1].id));

  // true/false: the reviewer answers the opposite of the key, with T or F (F does not open the fix form)
  const tf = items[1];
  const tfWrong = tf.answer === 'True' ? 'False' : 'True';
  await expect(page.getByTestId('blind-prompt')).toContainText('press T (True) or F (False)');
  await page.keyboard.press(tfWrong[0].toLowerCase());
  await expect(page.getByTestId('fix-form')).toHaveCount(0);
  await expect(page.getByTestId('blind-verdict')).toHaveText(`your answer: ${tfWrong} · key: ${tf.answer} ✗`);
  await page.keyboard.press('r');
  await page.keyboard.press('3');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', appId(items[2].id));

  // a number (key 2.7 m, SPAR's rule): typed into the focused field, Enter
  await expect(page.getByTestId('blind-input')).toBeFocused();
  await page.keyboard.type('2.4');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('blind-verdict')).toHaveText('your answer: 2.4 · key: 2.7 ✓ (11 % off, MRA 0.80, within 50 %)');
  await page.keyboard.press('a');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', appId(items[3].id));
  // a size in centimetres (HiSpatial's 25 % rule); a click elsewhere, then the digits still reach the field
  await page.getByTestId('review-question').click();
  await page.keyboard.type('90');
  await expect(page.getByTestId('blind-input')).toHaveValue('90');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('blind-verdict')).toHaveText('your answer: 90 · key: 70 ✗ (29 % off, within 25 %)');
  await page.keyboard.press('a');
  await expect(page.getByTestId('count-accept')).toContainText('3');

  // the decision keeps the answer; the help says how the keys work; the Dashboard counts per task
  await expect(page.getByTestId('review-history')).toContainText('blind: 90 ✗');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toContainText('the first press answers, the next one accepts');
  await shots(page, 'trust-help-blind', { settle: 150 });
  await page.keyboard.press('Escape');
  await page.getByTestId('mode-dashboard').click();
  const table = page.getByTestId('blind-agreement');
  const cells = (task: string) => table.locator('tr', { has: page.getByRole('cell', { name: task, exact: true }) }).locator('td');
  await expect(cells('distance_prediction_oc')).toHaveText(['distance_prediction_oc', '1', '1', '100.0 %', '0']);
  await expect(cells('hispatial/L1/size')).toHaveText(['hispatial/L1/size', '1', '0', '0.0 %', '0']);
  await expect(cells('all tasks')).toHaveText(['all tasks', '4', '1', '25.0 %', '0']);
  await shots(page, 'trust-blind-dashboard', { settle: 150 });
  // the setting belongs to the project: it is still on after a reload
  await page.reload();
  await page.getByTestId('mode-review').click();
  await expect(page.getByTestId('blind-toggle')).toBeChecked();
});

test('blind review on questions generated from a real frame: the answer, the marked option, the recomputed answer and the 3D labels wait for the answer', async ({ page }) => {
  await openNyuWithObjects(page);
  await page.getByTestId('mode-qa').click();
  await page.getByTestId('qa-none').click();
  await page.getByTestId('qa-task-distance_prediction_oc').check();
  for (const f of ['fill', 'sentence', 'judge']) await page.getByTestId(`qa-format-${f}`).uncheck();
  await page.getByTestId('qa-count').fill('3');
  await page.getByTestId('qa-count').press('Enter');
  await page.getByTestId('qa-generate').click();
  // this photo's camera distances are too alike for options that SPAR's rule tells apart: the
  // generator says so rather than printing options a reader could pick blind
  await expect(page.locator('.overlays')).toContainText('No question could be generated: distance_prediction_oc skipped all');
  await expect(page.getByTestId('qa-empty-task')).toContainText('distance_prediction_oc: no item');
  await page.getByTestId('qa-task-distance_prediction_oc').uncheck();
  await page.getByTestId('qa-task-distance_prediction_oo').check();
  await page.getByTestId('qa-generate').click();
  await expect(page.getByTestId('qa-row')).toHaveCount(3);
  await page.getByTestId('mode-review').click();
  await expect(page.getByTestId('queue-counts')).toContainText('3 of 3 items');
  await page.getByTestId('blind-toggle').check();
  // the scene is in 3D with the distance drawn, unlabelled; nothing on the page states the key
  await expect(page.getByTestId('evidence-3d').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('blind-prompt')).toContainText(/press its letter \(A, B(, C(, D)?)?\)/);
  await expect(page.getByTestId('recomputed')).toHaveCount(0);
  await expect(page.getByTestId('review-answer')).toHaveCount(0);
  await expect(page.locator('.qa-options li.correct')).toHaveCount(0);
  await page.waitForTimeout(500);
  await shots(page, 'trust-blind-before', { settle: 150 });
  await page.getByTestId('review-question').click();
  await page.keyboard.press('b');
  const verdict = (await page.getByTestId('blind-verdict').textContent())!;
  const m = /^your answer: B · key: ([A-D]) ([✓✗])$/.exec(verdict);
  expect(m, verdict).not.toBeNull();
  expect(m![2]).toBe(m![1] === 'B' ? '✓' : '✗');
  await expect(page.getByTestId('review-answer').locator('strong').first()).toHaveText(m![1]);
  await expect(page.locator('.qa-options li.correct')).toHaveCount(1);
  await expect(page.getByTestId('recomputed')).toContainText('(matches)');
  await page.waitForTimeout(500);
  await shots(page, 'trust-blind-after', { settle: 150 });
});

test('the queue searches question, options and answer, and each row shows the start of its question', async ({ page }) => {
  await openReview(page);
  await importEleven(page);
  const rows = page.getByTestId('review-rows').locator('li');
  // rows start with their question, cut short
  await expect(page.getByTestId('row-question').first()).toBeVisible();
  for (const t of await page.getByTestId('row-question').allTextContents()) expect(t.length).toBeLessThanOrEqual(96);
  await expect(page.getByTestId('row-question').filter({ hasText: /^With the counter \(red point\) having a depth of 1\.6 meters, determine the depth of/ })).toHaveCount(3);
  await shots(page, 'trust-queue-rows', { settle: 150 });
  // a word of a question (not in any id)
  await page.getByTestId('filter-text').fill('sofa');
  await expect(page.getByTestId('queue-counts')).toContainText('1 of 11 items');
  await expect(rows).toHaveCount(1);
  // words only in an answer
  await page.getByTestId('filter-text').fill('estimated to be about 1.9');
  await expect(page.getByTestId('queue-counts')).toContainText('1 of 11 items');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /scene0261_00_17$/);
  await shots(page, 'trust-queue-search', { settle: 150 });
});
