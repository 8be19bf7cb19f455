// The review workspace in a real Chromium with a persistent profile: import the shared SPAR record
// and the fixtures, decide by keyboard, kill the browser without warning, reopen it and find every
// decision; export and read the zip. Every request the page makes is recorded: none may leave.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium, expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS, PORT } from '../playwright.config';
import { SHARED, model } from './fixtures';
import { openNyuWithObjects, shot, waitForScene } from './helpers';

const BASE = BASE_URL;
const FIX = path.resolve(import.meta.dirname, '../src/test/fixtures/review');
const README_RECORD = path.join(SHARED, 'benchmarks/spar7m_readme_example.jsonl');

interface Running {
  proc: ChildProcess;
  browser: Browser;
  page: Page;
  requests: string[];
}

/** Starts Chromium on a profile directory and connects to it (so the test can kill it later). */
async function start(profile: string, port: number): Promise<Running> {
  const proc = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  let browser: Browser | null = null;
  for (let i = 0; i < 100 && !browser; i++) {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
    if (!browser) await new Promise((r) => setTimeout(r, 150));
  }
  if (!browser) throw new Error('Chromium did not start');
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  return { proc, browser, page, requests };
}

const leaving = (urls: string[]) => urls.filter((u) => !u.startsWith(BASE) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:blank');
const itemId = (page: Page) => page.getByTestId('review-item').getAttribute('data-item-id');

async function nextItem(page: Page, before: string | null) {
  await expect(page.getByTestId('review-item')).not.toHaveAttribute('data-item-id', before ?? '');
}

test('import the shared SPAR record and the fixtures, decide by keyboard, survive a killed browser, export', async () => {
  test.setTimeout(180_000);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-profile-'));
  let run = await start(profile, PORT + 5168);
  const requests: string[] = [];
  try {
    const { page } = run;
    await page.goto(`${BASE}?nosample`);
    await page.getByTestId('mode-review').click();
    await expect(page.getByTestId('review-item').or(page.locator('.review-empty'))).toBeVisible();

    // a folder in SPAR-7M's layout, the real README record, SPAR-Bench as parquet
    await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
    await expect(page.locator('.overlays')).toContainText('Imported 5 items');
    await page.getByTestId('review-file-input').setInputFiles([README_RECORD, path.join(FIX, 'spar-bench/test-00000-of-00001.parquet')]);
    await expect(page.locator('.overlays')).toContainText('Imported 6 items');
    await expect(page.getByTestId('queue-counts')).toContainText('11 of 11 items');
    // the bad line of the fixture folder is reported with its file and line number
    await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
    await expect(page.locator('.overlays')).toContainText('Imported 0 items');
    await expect(page.getByTestId('import-report')).toContainText('sentence_2.jsonl:3');

    // the real record: its text, its two points where SPAR's 0–1000 marks put them on the 640×480 photo
    await page.getByTestId('filter-text').fill('spar7m_readme_example');
    await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', 'spar7m_readme_example.jsonl#scene0261_00_16');
    await expect(page.getByTestId('review-question')).toContainText('With the counter (red point) having a depth of 1.6 meters');
    await expect(page.getByTestId('review-answer')).toContainText("towel's central depth is estimated to be about 1.5 meters.");
    const points = page.getByTestId('qa-marks').locator('circle');
    await expect(points).toHaveCount(2);
    // red [553, 397] ‰ of 640×480 → continuous (353.92, 190.56); blue [641, 838] → (410.24, 402.24)
    expect(Number(await points.nth(0).getAttribute('cx'))).toBeCloseTo(353.92, 2);
    expect(Number(await points.nth(0).getAttribute('cy'))).toBeCloseTo(190.56, 2);
    expect(await points.nth(0).getAttribute('data-color')).toBe('red');
    expect(Number(await points.nth(1).getAttribute('cx'))).toBeCloseTo(410.24, 2);
    expect(Number(await points.nth(1).getAttribute('cy'))).toBeCloseTo(402.24, 2);
    await shot(page, '30-review-item');

    // accept: one key (keys typed into a field are the field's: leave the search box first)
    await page.getByTestId('review-question').click();
    let before = await itemId(page);
    await page.keyboard.press('a');
    await expect(page.getByTestId('count-accept')).toContainText('1');
    await page.getByTestId('filter-text').fill('');
    // the decided item stays on screen; the first undecided one of the queue is picked by mouse
    await page.getByTestId('review-rows').locator('li[data-status="undecided"]').first().click();
    await page.getByTestId('review-question').click();

    // reject: R then the reason digit
    before = await itemId(page);
    await page.keyboard.press('r');
    await expect(page.getByTestId('reject-reasons')).toBeVisible();
    await shot(page, '31-review-reject');
    await page.keyboard.press('2');
    await nextItem(page, before);
    await expect(page.getByTestId('count-reject')).toContainText('1');
    const rejected = before;

    // fix: F, a new answer, Enter
    const fixed = await itemId(page);
    await page.keyboard.press('f');
    await expect(page.getByTestId('fix-form')).toBeVisible();
    await page.getByTestId('fix-answer').fill('1.7');
    await shot(page, '32-review-fix');
    await page.getByTestId('fix-answer').press('Enter');
    await nextItem(page, fixed);
    await expect(page.getByTestId('count-fix')).toContainText('1');

    // accept one more, then Ctrl+Z withdraws it (the log keeps both records)
    const undone = await itemId(page);
    await page.keyboard.press('a');
    await nextItem(page, undone);
    await expect(page.getByTestId('count-accept')).toContainText('2');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', undone!);
    await expect(page.getByTestId('count-accept')).toContainText('1');

    // the help overlay lists every shortcut
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-overlay')).toContainText('after Reject: Bad 3D');
    await shot(page, '33-review-help');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-overlay')).toHaveCount(0);

    // one last decision and the browser is killed the moment the next item is on screen
    const last = await itemId(page);
    await page.keyboard.press('r');
    await page.keyboard.press('5');
    await nextItem(page, last);
    requests.push(...run.requests);
    run.proc.kill('SIGKILL');
    await new Promise((r) => run.proc.once('exit', r));

    run = await start(profile, PORT + 5169);
    const again = run.page;
    await again.goto(`${BASE}?nosample`);
    await again.getByTestId('mode-review').click();
    await expect(again.getByTestId('queue-counts')).toContainText('11 of 11 items');
    await expect(again.getByTestId('count-accept')).toContainText('1');
    await expect(again.getByTestId('count-fix')).toContainText('1');
    await expect(again.getByTestId('count-reject')).toContainText('2');
    await expect(again.getByTestId('count-undecided')).toContainText('7');
    await again.getByTestId('filter-text').fill(rejected!.split('#')[1]);
    await again.locator('li', { hasText: rejected! }).first().click();
    await expect(again.getByTestId('review-history')).toContainText('reject by reviewer');
    await expect(again.getByTestId('review-history')).toContainText('incorrect-choices');
    await again.getByTestId('filter-text').fill('');
    await again.getByTestId('review-question').click();
    await shot(again, '34-review-reopened');

    // export (default: accepted and fixed items) and read the zip
    await again.getByTestId('review-export').click();
    const [download] = await Promise.all([again.waitForEvent('download'), again.getByTestId('export-start').click()]);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
    expect(manifest.counts.items).toBe(2);
    expect(manifest.counts.byDecision).toEqual({ accept: 1, fix: 1, reject: 0, undecided: 0 });
    const lines = Object.keys(zip)
      .filter((k) => k.startsWith('items/'))
      .flatMap((k) => new TextDecoder().decode(zip[k]).trim().split('\n'))
      .map((l) => JSON.parse(l));
    const fixedRec = lines.find((l) => l.spatial_lens?.review?.decision === 'fix');
    expect(fixedRec.spatial_lens.review.original.answer).toBeDefined();
    expect(fixedRec.spatial_lens.review.reviewer).toBe('reviewer');
    // the accepted README record goes back out in SPAR-7M's own layout, its marks untouched
    const readme = lines.find((l) => l.id === 'scene0261_00_16');
    expect(readme.red_point).toEqual([[553, 397]]);
    expect(readme.blue_point).toEqual([[641, 838]]);
    expect(readme.conversations[1].value).toBe("towel's central depth is estimated to be about 1.5 meters.");
    expect(new TextDecoder().decode(zip['summary.csv'])).toContain('app_id');
    // the README record's photo with SPAR's marks drawn in: red where the red point is
    const marked = Object.keys(zip).filter((k) => k.startsWith('marked/'));
    expect(marked.length).toBeGreaterThan(0);
    expect([...zip[marked[0]].subarray(0, 2)]).toEqual([0xff, 0xd8]);
    requests.push(...run.requests);
    expect(leaving(requests)).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
  } finally {
    await run.browser.close().catch(() => undefined);
    if (run.proc.exitCode === null) {
      run.proc.kill('SIGKILL');
      await new Promise((r) => run.proc.once('exit', r));
    }
    // Chromium's helper processes may still be writing to the profile for a moment
    setTimeout(() => fs.rmSync(profile, { recursive: true, force: true }), 2000).unref();
  }
});

test('bad input: HTML shown as text, a zip with traversal names, an unknown schema version, a wrong file', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bad-'));
  const good = fs.readFileSync(path.join(FIX, 'spar-bench-jsonl/sparbench_test.jsonl'));
  const zipPath = path.join(dir, 'evil.zip');
  fs.writeFileSync(zipPath, zipSync({ 'data/ok.jsonl': new Uint8Array(good), '../escape.jsonl': new Uint8Array(good), '/abs/x.jsonl': new Uint8Array(good) }));
  const future = path.join(dir, 'future.jsonl');
  fs.writeFileSync(future, `${JSON.stringify({ id: 'f1', image: ['x.jpg'], task: 't', question: 'q', answer: '1', spatial_lens: { schema: 'spatial-lens/qa@2' } })}\n`);
  const notJson = path.join(dir, 'notes.jsonl');
  fs.writeFileSync(notJson, 'this is not JSON\n{"also": "not an item"}\n');
  await page.getByTestId('review-file-input').setInputFiles([zipPath, future, notJson]);
  await expect(page.locator('.overlays')).toContainText('Imported');
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('../escape.jsonl');
  await expect(report).toContainText('spatial-lens/qa@2');
  await expect(report).toContainText('notes.jsonl:1');
  await expect(report).toContainText('notes.jsonl:2');
  // the item with <b> in its question: shown as the characters, no element made of it
  await page.getByTestId('filter-flag').selectOption('html-in-text');
  await expect(page.getByTestId('review-question')).toContainText('<b>sofa</b>');
  await expect(page.getByTestId('review-question').locator('b')).toHaveCount(0);
  await expect(page.getByTestId('review-item').locator('.flags')).toContainText('HTML in the text');
  // missing images are flagged and said
  await page.getByTestId('filter-flag').selectOption('missing-image');
  await expect(page.getByTestId('image-missing').first()).toBeVisible();
  await shot(page, '35-review-bad-input');
  // an imported photo without depth can be lifted on demand: with no depth model, it says what to add
  await page.getByTestId('filter-flag').selectOption('');
  await page.getByTestId('review-file-input').setInputFiles(path.join(FIX, 'spar-bench/test-00000-of-00001.parquet'));
  await expect(page.locator('.overlays')).toContainText('Imported 5 items');
  await page.getByTestId('lift-item-image').click();
  await expect(page.getByTestId('lift-needs-model')).toContainText('needs a depth model');
  await page.getByTestId('filter-flag').selectOption('missing-image');
  await expect(page.getByTestId('image-missing').first()).toBeVisible();
  // the filter menu keeps the focus, and a letter still decides
  await page.keyboard.press('a');
  await expect(page.getByTestId('count-accept')).toContainText('1');
  expect(leaving(requests)).toEqual([]);
});

test('generated questions reviewed with their 3D evidence; a box fix recomputes the answer', async ({ page }) => {
  await openNyuWithObjects(page);
  await page.getByTestId('mode-qa').click();
  await page.getByTestId('qa-none').click();
  await page.getByTestId('qa-task-distance_prediction_oo').check();
  await page.getByTestId('qa-format-select').uncheck();
  await page.getByTestId('qa-format-sentence').uncheck();
  await page.getByTestId('qa-count').fill('6');
  await page.getByTestId('qa-count').press('Enter');
  await page.getByTestId('qa-generate').click();
  await expect(page.getByTestId('qa-row')).toHaveCount(6);

  await page.getByTestId('mode-review').click();
  await expect(page.getByTestId('queue-counts')).toContainText('6 of 6 items');
  // the scene is known: the answer derived again from it matches; the distance is drawn in 3D
  await expect(page.getByTestId('recomputed')).toContainText('(matches)');
  await expect(page.getByTestId('evidence-3d').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('qa-marks').locator('circle')).toHaveCount(2);
  await shot(page, '36-review-generated-3d');

  // fix by moving the first object's box 1 m to the side: the answer is recomputed from the scene
  const id = await itemId(page);
  const answer = (await page.getByTestId('review-answer').locator('strong').first().textContent())!;
  await page.getByTestId('review-question').click();
  await page.keyboard.press('f');
  const x = page.getByTestId('fix-form').locator('fieldset').first().locator('input').first();
  const x0 = Number(await x.inputValue());
  await x.fill(String(x0 + 1));
  await expect(page.getByTestId('fix-recomputed')).toContainText('With the edited box the answer is');
  const derived = (await page.getByTestId('fix-recomputed').textContent())!.match(/answer is ([\d.]+)/)![1];
  expect(derived).not.toBe(answer);
  await shot(page, '37-review-box-fix');
  await page.getByTestId('fix-save').click();
  await nextItem(page, id);
  await page.keyboard.press('k');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', id!);
  await expect(page.getByTestId('fixed-answer')).toHaveText(derived);
  await expect(page.getByTestId('review-history')).toContainText('fix by reviewer');
});

test('an imported SPAR-7M photo lifted on demand with the depth map its record names: the marks measured in 3D, for every item on it', async ({ page }) => {
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
  await expect(page.locator('.overlays')).toContainText('Imported 5 items');
  // the two depth questions drawn on 543.jpg, each with a red and a blue point; the records name
  // scene0261_00/image_depth/543.png, 1.6 m under the red point, 1.5 and 1.9 m under the blue ones
  await page.getByTestId('filter-text').fill('scene0261_00_1');
  await expect(page.getByTestId('queue-counts')).toContainText('2 of 5 items');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /scene0261_00_16$/);
  await expect(page.getByTestId('review-item')).toContainText('Lift its image (below) to measure its marks in 3D');
  await page.getByTestId('lift-item-image').click();
  const readings = page.getByTestId('mark-readings');
  await expect(readings.locator('li')).toHaveText(['red point: depth 1.60 m', 'blue point: depth 1.50 m']);
  await expect(readings).toContainText('Depth: dataset:543.png');
  await expect(page.getByTestId('evidence-3d').locator('canvas').first()).toBeVisible();
  await shot(page, '40-review-lifted-marks');
  // the next item is on the same photo: measured at once, without lifting again
  await page.getByTestId('review-question').click();
  await page.keyboard.press('j');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /scene0261_00_17$/);
  await expect(page.getByTestId('lift-item-image')).toHaveCount(0);
  await expect(readings.locator('li')).toHaveText(['red point: depth 1.60 m', 'blue point: depth 1.90 m']);

  // a multi-view item: a button per photo; its second photo has no depth map and lifts through a model
  await page.getByTestId('filter-text').fill('scene0011_00_9');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', /scene0011_00_9$/);
  await expect(page.getByTestId('lift-item-image')).toHaveText('Lift image 1 to 3D');
  await page.getByTestId('lift-item-image-1').click();
  await page.getByTestId('lift-needs-model').getByRole('button', { name: 'Go to the Scene tab' }).click();
  await page.getByTestId('needs-model-input').setInputFiles(model('tiny-dav2-metric.onnx'));
  await waitForScene(page, '20.jpg');
  await page.getByTestId('mode-review').click();
  // the blue box is on this photo, the red one on the first: the relation cannot be measured here
  await expect(readings).toContainText('Its marks on this photo are placed in 3D. One mark is on the item’s other photos');
  await expect(page.getByTestId('lift-item-image')).toHaveText('Lift image 1 to 3D');
  await shot(page, '41-review-lifted-second-view');
});

test('two tabs on one project: no decision lost or counted twice; a backup restores into an empty browser', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const a = await context.newPage();
  await a.goto('/?nosample');
  await a.getByTestId('mode-review').click();
  await a.getByTestId('review-file-input').setInputFiles(path.join(FIX, 'spar-bench/test-00000-of-00001.parquet'));
  await expect(a.getByTestId('queue-counts')).toContainText('5 of 5 items');
  const b = await context.newPage();
  await b.goto('/?nosample');
  await b.getByTestId('mode-review').click();
  await expect(b.getByTestId('queue-counts')).toContainText('5 of 5 items');
  // each tab decides on its own item; both hear of the other's. The second tab is another
  // reviewer, who also accepts the first tab's item (overlap, for agreement)
  await a.getByTestId('review-question').click();
  await a.keyboard.press('a');
  await b.getByTestId('reviewer-name').fill('ben');
  await b.getByTestId('reviewer-name').press('Enter');
  // a key pressed before the clicked row's item is on screen would go to the item before it
  const pick = async (k: number) => {
    const id = await b.getByTestId('review-rows').locator('li').nth(k).locator('span.muted.small').first().textContent();
    await b.getByTestId('review-rows').locator('li').nth(k).click();
    await expect(b.getByTestId('review-item')).toHaveAttribute('data-item-id', id!);
  };
  await pick(0);
  await b.getByTestId('review-question').click();
  await b.keyboard.press('a');
  await pick(3);
  await b.getByTestId('review-question').click();
  await b.keyboard.press('r');
  await b.keyboard.press('1');
  for (const p of [a, b]) {
    await expect(p.getByTestId('count-accept')).toContainText('1');
    await expect(p.getByTestId('count-reject')).toContainText('1');
    await expect(p.getByTestId('count-undecided')).toContainText('3');
  }
  // the dashboard: progress, reasons, throughput per reviewer, agreement between the two
  await a.getByTestId('mode-dashboard').click();
  await expect(a.getByTestId('throughput')).toContainText('ben');
  await expect(a.getByTestId('agreement')).toContainText('ben · reviewer');
  await expect(a.getByTestId('chart-progress').locator('canvas')).toBeVisible();
  await shot(a, '38-dashboard');
  await a.getByTestId('mode-review').click();
  // the backup holds both
  const [dl] = await Promise.all([a.waitForEvent('download'), a.getByTestId('review-backup').click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-backup-')), dl.suggestedFilename());
  await dl.saveAs(file);
  await context.close();

  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const c = await fresh.newPage();
  await c.goto('/?nosample');
  await c.getByTestId('mode-review').click();
  await c.getByTestId('restore-input').setInputFiles(file);
  await expect(c.locator('.overlays')).toContainText('Restored');
  await expect(c.getByTestId('queue-counts')).toContainText('5 of 5 items');
  await expect(c.getByTestId('count-accept')).toContainText('1');
  await expect(c.getByTestId('count-reject')).toContainText('1');
  // restoring twice changes nothing
  await c.getByTestId('restore-input').setInputFiles(file);
  await expect(c.locator('.overlays')).toContainText('Restored');
  await expect(c.getByTestId('count-accept')).toContainText('1');
  await expect(c.getByTestId('queue-counts')).toContainText('5 of 5 items');
  await fresh.close();
});

test('a seeded sample per task saved as a view, and items assigned to two reviewers', async ({ page }) => {
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
  await expect(page.getByTestId('queue-counts')).toContainText('5 of 5 items');
  // four tasks, one of them with two items: one per task gives four
  await page.getByText('Sample', { exact: true }).click();
  await page.getByTestId('sample-per-task').fill('1');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('queue-counts')).toContainText('4 of 5 items');
  await expect(page.locator('.overlays')).toContainText('Sample 1/task, seed 0: 4 items from 4 tasks');
  const sampled = await page.getByTestId('review-rows').locator('li').allTextContents();
  // the same seed draws the same sample
  await page.getByRole('button', { name: /sample of 4/ }).click();
  await expect(page.getByTestId('queue-counts')).toContainText('5 of 5 items');
  await page.getByTestId('saved-views').selectOption('Sample 1/task, seed 0');
  await expect(page.getByTestId('queue-counts')).toContainText('4 of 5 items');
  expect(await page.getByTestId('review-rows').locator('li').allTextContents()).toEqual(sampled);
  // assign the four to two reviewers, every one to both (overlap 100 %); ana sees hers
  await page.getByText('Assign for agreement').click();
  await page.getByPlaceholder('reviewers: ana, ben, …').fill('ana, ben');
  await page.locator('.review-tools input[type="number"]').last().fill('100');
  await page.getByRole('button', { name: 'Assign the 4 listed' }).click();
  await expect(page.locator('.overlays')).toContainText('Assigned 4 items to ana, ben; 4 are reviewed by more than one');
  await page.getByRole('button', { name: /sample of 4/ }).click();
  await page.getByTestId('reviewer-name').fill('ana');
  await page.getByTestId('reviewer-name').press('Enter');
  await page.getByLabel('assigned to me').check();
  await expect(page.getByTestId('queue-counts')).toContainText('4 of 5 items');
  await shot(page, '39-review-sample-assigned');
  // a second project holds its own copy of the same files; the first keeps its assignments
  await page.getByTestId('project-select').selectOption('+');
  await page.getByTestId('new-project-name').fill('Second pass');
  await page.getByTestId('new-project-create').click();
  await expect(page.getByTestId('project-select').locator('option:checked')).toHaveText('Second pass');
  await page.getByLabel('assigned to me').uncheck();
  await expect(page.getByTestId('queue-counts')).toContainText('0 of 0 items');
  await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
  await expect(page.locator('.overlays')).toContainText('Imported 5 items');
  await expect(page.getByTestId('queue-counts')).toContainText('5 of 5 items');
  await page.getByTestId('project-select').selectOption({ label: 'My project' });
  await page.getByLabel('assigned to me').check();
  await expect(page.getByTestId('queue-counts')).toContainText('4 of 5 items');
});
