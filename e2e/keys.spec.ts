// Fast hands: keys pressed faster than the app can save and draw are queued and each lands on the
// item it was meant for (the one on screen once the keys before it are applied); held keys do not
// repeat a decision; a reject and its reason stay together. Checked against the IndexedDB log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { keyGaps, recordKeyTimes, typeAt } from './keyboard';
import { effectiveVerdicts, readDecisions, writeQuestions } from './reviewLog';

async function openQuestions(page: Page, n: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-keys-'));
  const file = writeQuestions(dir, 'keys.jsonl', n);
  await page.goto('/?nosample');
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-file-input').setInputFiles(file);
  await expect(page.getByTestId('queue-counts')).toContainText(`${n} of ${n} items`);
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', 'keys.jsonl#0');
  // keydown times as the page saw them: the spacing actually achieved
  await recordKeyTimes(page);
  await page.getByTestId('review-question').click();
  return dir;
}

const id = (i: number) => `keys.jsonl#${i}`;

test('50 keys 10 ms apart: 50 decisions on 50 distinct items, in order; a r 3 typed fast; a held key decides once', async ({ page }) => {
  await openQuestions(page, 80);
  const sent = await typeAt(page, Array(50).fill('a'), 10);
  // sent on a 10 ms schedule (a sender the machine wakes late sends what is due at once, so a stall
  // makes one long gap and then denser keys): the median gap stays near 10 ms and the 50 keys take
  // about half a second, far faster than the app saves and draws an item
  const gaps = sent.slice(1).map((t, i) => t - sent[i]).sort((a, b) => a - b);
  expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThanOrEqual(15);
  expect(sent[sent.length - 1] - sent[0]).toBeLessThan(1000);
  expect((await keyGaps(page)).length).toBe(49);
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', id(50));
  await expect(page.getByTestId('count-accept')).toContainText('50');
  let log = await readDecisions(page);
  expect(log.map((d) => `${d.item} ${d.decision}`)).toEqual(Array.from({ length: 50 }, (_, i) => `${id(i)} accept`));

  // a r 3, five times, 10 ms apart: accept one item, reject the next for an ambiguous answer
  await typeAt(page, Array(5).fill(['a', 'r', '3']).flat(), 10);
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', id(60));
  log = await readDecisions(page);
  expect(log.slice(50).map((d) => `${d.item} ${d.decision} ${d.reasons ?? ''}`)).toEqual(
    Array.from({ length: 10 }, (_, k) => (k % 2 ? `${id(50 + k)} reject ambiguous-answer` : `${id(50 + k)} accept `)),
  );

  // a held key: the first press decides, its auto-repeats do not
  await typeAt(page, Array(13).fill('a'), 30, { autoRepeat: true });
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-item-id', id(61));
  // browser shortcuts with a modifier decide nothing
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Alt+r');
  await page.waitForTimeout(300);
  log = await readDecisions(page);
  expect(log.length).toBe(61);
  expect(log[60]).toMatchObject({ item: id(60), decision: 'accept' });
  expect(new Set(effectiveVerdicts(log).map((d) => d.item)).size).toBe(61);
});
