// Fast-key trials in real Chromium: bursts of keys sent faster than a decision is saved and the
// next item drawn (10, 20 and 25 ms apart, through the DevTools protocol so the typist never waits
// for the page), `a r 3` sequences, and held keys (auto-repeat). Each burst starts on the item on
// screen; what it must leave in the log is known beforehand (item i+k gets the k-th decision), and
// the log read back from IndexedDB is compared with it record by record.
//   SPATIAL_LENS_PORT=4203 npx tsx bench/robustness/keys.ts
// Exits non-zero when any decision is misapplied (wrong item, wrong verdict or reason, missing,
// extra, or an item decided twice), or on any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { keyGaps, recordKeyTimes, typeAt } from '../../e2e/keyboard';
import { type LoggedDecision, readDecisions, writeQuestions } from '../../e2e/reviewLog';
import { BASE, ensureBuild, onStop, serve, stopAll, table } from '../lib/serve';

const ITEMS = 600;
const BURSTS = Number(process.env.KEYS_BURSTS ?? 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const id = (i: number) => `keys.jsonl#${i}`;

interface Expected {
  item: string;
  decision: string;
  reasons?: string[];
}

interface Row {
  scenario: string;
  spacing: string;
  bursts: number;
  keys: number;
  expected: number;
  made: number;
  misapplied: number;
  /** ms from the last key sent to the last decision saved, worst burst */
  drain: number;
  /** mean gap between keydowns as the page saw them */
  seen: number[];
}

const same = (d: LoggedDecision, e: Expected) => d.item === e.item && d.decision === e.decision && (d.reasons ?? []).join() === (e.reasons ?? []).join();

async function onScreen(page: Page): Promise<number> {
  const at = await page.getByTestId('review-item').getAttribute('data-item-id');
  return Number(at!.split('#')[1]);
}

/** Waits until the log holds `count` records and nothing more arrives for 300 ms; returns it. */
async function settled(page: Page, count: number): Promise<LoggedDecision[]> {
  const until = Date.now() + 15_000;
  let log = await readDecisions(page);
  while (log.length < count && Date.now() < until) {
    await sleep(25);
    log = await readDecisions(page);
  }
  for (;;) {
    await sleep(300);
    const again = await readDecisions(page);
    if (again.length === log.length) return again;
    log = again;
  }
}

/**
 * Runs `bursts` bursts: each types `keys` (from the item on screen) and must leave `expect(i0)`
 * (the records for a burst starting on item i0).
 */
async function scenario(page: Page, name: string, spacing: number, bursts: number, keys: string[], expect: (i0: number) => Expected[], opts: { autoRepeat?: boolean; then?: string[] } = {}): Promise<Row> {
  const row: Row = { scenario: name, spacing: opts.autoRepeat ? `repeat every ${spacing} ms` : `${spacing} ms`, bursts, keys: 0, expected: 0, made: 0, misapplied: 0, drain: 0, seen: [] };
  for (let b = 0; b < bursts; b++) {
    const before = await readDecisions(page);
    const i0 = await onScreen(page);
    const want = expect(i0);
    await keyGaps(page);
    const wall = Date.now();
    const sent = await typeAt(page, keys, spacing, opts);
    let lastKey = wall + sent[sent.length - 1];
    if (opts.then) {
      await sleep(spacing);
      const t = Date.now();
      const more = await typeAt(page, opts.then, spacing);
      lastKey = t + more[more.length - 1];
    }
    const log = await settled(page, before.length + want.length);
    const got = log.slice(before.length);
    const gaps = await keyGaps(page);
    if (gaps.length) row.seen.push(gaps.reduce((a, x) => a + x, 0) / gaps.length);
    row.keys += keys.length + (opts.then?.length ?? 0);
    row.expected += want.length;
    row.made += got.length;
    // record by record; a missing or extra record is misapplied too
    for (let k = 0; k < Math.max(got.length, want.length); k++) if (!got[k] || !want[k] || !same(got[k], want[k])) row.misapplied++;
    if (got.length && !opts.autoRepeat) row.drain = Math.max(row.drain, Math.round(Date.parse(got[got.length - 1].decidedAt) - lastKey));
  }
  return row;
}

async function main() {
  ensureBuild();
  await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  onStop(() => browser.close());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-keys-'));
  onStop(() => fs.rmSync(dir, { recursive: true, force: true }));
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${BASE}?nosample`);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-file-input').setInputFiles(writeQuestions(dir, 'keys.jsonl', ITEMS));
  await page.getByTestId('queue-counts').filter({ hasText: `${ITEMS} of ${ITEMS} items` }).waitFor({ timeout: 60_000 });
  await page.getByTestId('review-item').filter({ has: page.getByTestId('review-question') }).waitFor();
  await recordKeyTimes(page);
  await page.getByTestId('review-question').click();

  const accepts = (n: number) => (i0: number) => Array.from({ length: n }, (_, k) => ({ item: id(i0 + k), decision: 'accept' }));
  const rows: Row[] = [];
  const t0 = performance.now();
  for (const spacing of [10, 20, 25]) rows.push(await scenario(page, '10 × A', spacing, BURSTS, Array(10).fill('a'), accepts(10)));
  rows.push(
    await scenario(page, 'a r 3, three times', 10, BURSTS, Array(3).fill(['a', 'r', '3']).flat(), (i0) =>
      Array.from({ length: 6 }, (_, k) => (k % 2 ? { item: id(i0 + k), decision: 'reject', reasons: ['ambiguous-answer'] } : { item: id(i0 + k), decision: 'accept' })),
    ),
  );
  rows.push(await scenario(page, 'A held (1 press, 15 repeats)', 30, BURSTS, Array(16).fill('a'), accepts(1), { autoRepeat: true }));
  rows.push(await scenario(page, 'R held (1 press, 7 repeats), then 2', 30, BURSTS, Array(8).fill('r'), (i0) => [{ item: id(i0), decision: 'reject', reasons: ['incorrect-choices'] }], { autoRepeat: true, then: ['2'] }));

  const log = await readDecisions(page);
  const per = new Map<string, number>();
  for (const d of log) if (d.decision !== 'undo') per.set(d.item, (per.get(d.item) ?? 0) + 1);
  const twice = [...per.values()].filter((c) => c > 1).length;

  const mean = (a: number[]) => (a.length ? (a.reduce((x, y) => x + y, 0) / a.length).toFixed(1) : '–');
  console.log(`\nFast-key trials in ${CHROMIUM} (keys sent through the DevTools protocol without waiting for the page)`);
  console.log(
    table([
      ['scenario', 'spacing', 'bursts', 'keys', 'decisions expected', 'made', 'misapplied', 'page saw gaps of (ms)', 'last key → saved (ms, worst)'],
      ...rows.map((r) => [r.scenario, r.spacing, r.bursts, r.keys, r.expected, r.made, r.misapplied, mean(r.seen), r.spacing.startsWith('repeat') ? '–' : r.drain]),
    ]),
  );
  const misapplied = rows.reduce((n, r) => n + r.misapplied, 0);
  console.log(`items decided more than once: ${twice}; total misapplied: ${misapplied}; time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (misapplied || twice) throw new Error(`${misapplied} decisions misapplied, ${twice} items decided more than once`);
  console.log('PASS: every key landed on the item it was meant for');
}

main()
  .then(() => stopAll())
  .catch(async (e) => {
    console.error(`FAIL: ${(e as Error)?.message ?? e}`);
    await stopAll();
    process.exitCode = 1;
  });
