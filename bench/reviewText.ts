// Review queue text search and the import journal, in headless Chromium against the built app with
// 100k SPAR-Bench lines: the import (its journal written with every batch), the first text search
// (which reads every item's question, options and answer), later searches, and importing the same
// file again (every line already there).
//   SPATIAL_LENS_PORT=4205 npx tsx bench/reviewText.ts      (REVIEW_TEXT_ITEMS=20000 for a quicker run)
// Serves dist/ (build it first: npx vite build) on SPATIAL_LENS_PORT + 7; stops what it starts, also on
// failure or Ctrl+C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { closeOnStop, failpoint, onStop, serve, stopAll } from './lib/serve';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.SPATIAL_LENS_PORT ?? 4173) + 7;
const BASE = `http://localhost:${PORT}/`;
const N = Number(process.env.REVIEW_TEXT_ITEMS ?? 100_000);
const REPS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const log = (s: string) => console.log(s);

let browser: Browser | null = null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-text-bench-'));
onStop(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function startPreview(): Promise<void> {
  const dist = path.resolve(ROOT, process.env.SPATIAL_LENS_BENCH_DIST ?? 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('no dist/: run npx vite build first');
  const served = path.join(tmp, 'dist');
  fs.cpSync(dist, served, { recursive: true });
  await serve({ outDir: served, port: PORT });
}

/** Drops N SPAR-Bench lines made in the page (the same bytes every time) and waits for the import's message. */
async function importLines(page: Page, expect: RegExp): Promise<{ ms: number; message: string }> {
  await page.evaluate(() => document.querySelector('.overlays button.close')?.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  const t0 = Date.now();
  await page.evaluate((count) => {
    const tasks = ['depth_prediction_oc', 'distance_prediction_oc', 'obj_spatial_relation_oo', 'spatial_imagination_oc'];
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const task = tasks[i % 4];
      const select = task.startsWith('obj') || task.startsWith('spatial');
      out.push(
        JSON.stringify({
          id: i,
          img_type: 'single_view',
          format_type: select ? 'select' : 'fill',
          task,
          source: 'scannet',
          image: [`sb_${i % 50}.png`],
          question: select
            ? `Where is the chair ${i} (red box) relative to the table (blue box)? A. left; B. right; C. in front; D. behind. Answer with the option letter.`
            : `The camera coordinates show the towel ${i} (red point) at 1.0 meters depth. What is the depth of the lamp (blue point)? The unit is meter.`,
          answer: select ? 'ABCD'[i % 4] : (1 + (i % 40) / 10).toFixed(1),
        }),
      );
    }
    const dt = new DataTransfer();
    dt.items.add(new File([`${out.join('\n')}\n`], 'sparbench-text-bench.jsonl', { lastModified: 0 }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
  }, N);
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.overlays')?.textContent ?? ''), expect.source, { timeout: 300_000, polling: 50 });
  return { ms: Date.now() - t0, message: (await page.locator('.overlays [data-testid^="message-"]').first().textContent()) ?? '' };
}

/** Types a search and waits until the queue's count says `expected` and the texts are read. */
async function search(page: Page, text: string, expected: number): Promise<{ ms: number; appMs: number }> {
  const t0 = Date.now();
  await page.getByTestId('filter-text').fill(text);
  await page.waitForFunction(
    (n) => !document.querySelector('[data-testid="searching"]') && (document.querySelector('[data-testid="queue-counts"] strong')?.textContent ?? '') === String(n),
    expected,
    { timeout: 120_000, polling: 5 },
  );
  const ms = Date.now() - t0;
  const span = await page.locator('[data-testid="review-queue"] .filters > span.muted.small').first().textContent();
  return { ms, appMs: Number((span ?? '').replace(/[^0-9.]/g, '')) };
}

try {
  await startPreview();
  await failpoint('served');
  browser = closeOnStop(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }));
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${BASE}?nosample`);
  await page.getByTestId('mode-review').click();
  const first = await importLines(page, new RegExp(`Imported ${N} items`));
  log(`import of ${N} lines (journal written with every batch): ${(first.ms / 1000).toFixed(1)} s — “${first.message.trim()}”`);
  // for a comparison with a build from before the journal
  if (process.env.REVIEW_TEXT_IMPORT_ONLY) throw Object.assign(new Error('import only'), { done: true });

  const s1 = await search(page, `towel ${N - 3} (`, 1);
  log(`first text search (reads every item's question, options and answer): ${s1.ms} ms to the result; the filter itself ${s1.appMs} ms`);
  const later: { ms: number; appMs: number }[] = [];
  for (let r = 0; r < REPS; r++) later.push(await search(page, `chair ${1000 + 4 * r + 2} (`, 1));
  later.push(await search(page, 'in front', N / 2));
  log(`later searches (texts read): median ${median(later.map((x) => x.ms))} ms to the result, the app's filter time median ${median(later.map((x) => x.appMs))} ms (${later.map((x) => x.appMs).join(' / ')})`);
  await page.getByTestId('filter-text').fill('');

  const again = await importLines(page, /already there/);
  log(`the same ${N} lines imported again (every one already there): ${(again.ms / 1000).toFixed(1)} s — “${again.message.trim()}”`);
  await browser.close();
  browser = null;
} catch (e) {
  if (!(e as { done?: boolean }).done) throw e;
} finally {
  await browser?.close();
  await stopAll();
}
