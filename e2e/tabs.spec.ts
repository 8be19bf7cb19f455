// Two tabs of one reviewer on one profile walk different items, a conflict between them is shown in
// both; an older backup restored into a browser does not undo a later decision there, and says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { shot } from './helpers';
import { effectiveVerdicts, readDecisions, writeQuestions } from './reviewLog';

const id = (i: number) => `tabs.jsonl#${i}`;
const shown = (p: Page) => p.getByTestId('review-item');

async function openReview(p: Page) {
  await p.goto('/?nosample');
  await p.getByTestId('mode-review').click();
}

test('two tabs on one profile: each takes items the other does not show; a conflicting decision is shown in both', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-tabs-'));
  const file = writeQuestions(dir, 'tabs.jsonl', 30);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const a = await context.newPage();
  await openReview(a);
  await a.getByTestId('review-file-input').setInputFiles(file);
  await expect(a.getByTestId('queue-counts')).toContainText('30 of 30 items');
  await expect(shown(a)).toHaveAttribute('data-item-id', id(0));
  const b = await context.newPage();
  await openReview(b);
  // the second tab passes over the item the first one shows
  await expect(shown(b)).toHaveAttribute('data-item-id', id(1));

  // deciding in turn: each tab's next item is one the other does not hold
  for (let k = 0; k < 5; k++) {
    for (const p of [a, b]) {
      const before = await shown(p).getAttribute('data-item-id');
      await p.getByTestId('review-question').click();
      await p.keyboard.press('a');
      await expect(shown(p)).not.toHaveAttribute('data-item-id', before!);
    }
  }
  const log = await readDecisions(a);
  expect(log).toHaveLength(10);
  expect(new Set(log.map((d) => d.item)).size).toBe(10);
  expect(await shown(a).getAttribute('data-item-id')).not.toBe(await shown(b).getAttribute('data-item-id'));

  // both open the same item on purpose: each says the other has it open
  for (const p of [a, b]) await p.getByTestId('review-rows').locator('li', { hasText: id(20) }).click();
  for (const p of [a, b]) {
    await expect(shown(p)).toHaveAttribute('data-item-id', id(20));
    await expect(p.getByTestId('item-leased')).toBeVisible();
  }
  // and decide it differently: neither is told by chance, both are told
  await a.getByTestId('review-question').click();
  await a.keyboard.press('a');
  await expect(a.getByTestId('count-accept')).toContainText('11');
  await b.getByTestId('review-question').click();
  await b.keyboard.press('r');
  await b.keyboard.press('1');
  for (const p of [a, b]) {
    await expect(p.getByTestId('review-conflicts')).toContainText(`Conflict on ${id(20)}`);
    await expect(p.getByTestId('review-conflicts')).toContainText('the later one (reject,');
  }
  await expect(b.getByTestId('review-conflicts')).toContainText('accepted in another tab and rejected (vague-stem) in this tab');
  await expect(a.getByTestId('review-conflicts')).toContainText('accepted in this tab and rejected (vague-stem) in another tab');
  for (const [w, h] of [[1024, 700], [1920, 1080]]) {
    await a.setViewportSize({ width: w, height: h });
    await shot(a, `50-review-conflict-${w}`);
  }
  await b.getByTestId('review-rows').locator('li', { hasText: id(21) }).click();
  await a.getByTestId('review-rows').locator('li', { hasText: id(21) }).click();
  await expect(a.getByTestId('item-leased')).toBeVisible();
  for (const [w, h] of [[1024, 700], [1920, 1080]]) {
    await a.setViewportSize({ width: w, height: h });
    await shot(a, `51-review-open-in-other-tab-${w}`);
  }
  // closing a tab lets its item go at once
  await b.close();
  await expect(a.getByTestId('item-leased')).toHaveCount(0);
  expect(effectiveVerdicts(await readDecisions(a)).filter((d) => d.item === id(20))).toHaveLength(2);
  await context.close();
});

test('a lease left by a tab that is gone (a crash) keeps nothing from the next tab; a live tab’s does', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-crash-'));
  const file = writeQuestions(dir, 'tabs.jsonl', 5);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const a = await context.newPage();
  await openReview(a);
  await a.getByTestId('review-file-input').setInputFiles(file);
  await expect(shown(a)).toHaveAttribute('data-item-id', id(0));
  // what a crashed tab leaves behind: its lease on item 1, written 5 s ago, and no tab holding its lock
  await a.evaluate((item) => {
    const lease = { tab: 'crashed', project: 'default', reviewer: 'reviewer', item, expires: Date.now() + 40_000 };
    localStorage.setItem('spatial-lens:lease:crashed', JSON.stringify(lease));
  }, id(1));
  const b = await context.newPage();
  await openReview(b);
  // item 0 is open in the live first tab: passed over; item 1's lease has no tab behind it: taken
  await expect(shown(b)).toHaveAttribute('data-item-id', id(1));
  await expect(b.getByTestId('item-leased')).toHaveCount(0);
  await context.close();
});

test('an older backup restored where a later decision was made: the later one stays, and the message says so', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-restore-'));
  const file = writeQuestions(dir, 'tabs.jsonl', 5);
  // browser A: accept item 0, back up
  const ca = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const a = await ca.newPage();
  await openReview(a);
  await a.getByTestId('review-file-input').setInputFiles(file);
  await expect(shown(a)).toHaveAttribute('data-item-id', id(0));
  await a.getByTestId('review-question').click();
  await a.keyboard.press('a');
  await expect(a.getByTestId('count-accept')).toContainText('1');
  const [dl] = await Promise.all([a.waitForEvent('download'), a.getByTestId('review-backup').click()]);
  const backup = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(backup);
  await ca.close();
  // browser B, later: the same file, item 0 rejected
  const cb = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const b = await cb.newPage();
  await openReview(b);
  await b.getByTestId('review-file-input').setInputFiles(file);
  await expect(shown(b)).toHaveAttribute('data-item-id', id(0));
  await b.getByTestId('review-question').click();
  await b.keyboard.press('r');
  await b.keyboard.press('5');
  await expect(b.getByTestId('count-reject')).toContainText('1');
  await b.getByTestId('restore-input').setInputFiles(backup);
  await expect(b.locator('.overlays')).toContainText('1 item keeps its later decision made here');
  await expect(b.locator('.overlays')).toContainText(`${id(0)}: reject (bad-3d) by reviewer`);
  await expect(b.getByTestId('count-reject')).toContainText('1');
  await expect(b.getByTestId('count-accept')).toContainText('0');
  await b.setViewportSize({ width: 1024, height: 700 });
  await shot(b, '52-review-restore-kept-1024');
  await b.setViewportSize({ width: 1920, height: 1080 });
  await shot(b, '52-review-restore-kept-1920');
  // both decisions are in the log; the later one is in effect
  expect(effectiveVerdicts(await readDecisions(b)).map((d) => d.decision).sort()).toEqual(['accept', 'reject']);
  await cb.close();
});
