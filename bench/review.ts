// Review workspace benchmark in headless Chromium against the built app, with 100k SPAR-7M items
// naming 48 real JPEG photos imported with them (issue 6): import ≤ 10 s, export ≤ 10 s (items and
// photos; marked photos, a JPEG encode each, are timed on the 200-item export), a filter change
// ≤ 200 ms, next item after a decision ≤ 50 ms at p95, keys per decision (accept 1, reject 2), and
// no request leaving the origin.
//   npx tsx bench/review.ts            (REVIEW_BENCH_ITEMS=20000 for a quicker run)
// The app is built first when dist/ is missing or older than src/; a copy of dist/ is served on
// port 4181 (so a rebuild by someone else mid-run cannot pull the worker chunk from under the page).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { closeOnStop, failpoint, serve, stopAll } from './lib/serve';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHARED = path.resolve(ROOT, '../shared/data');
// its own port beside the checkout's (4181 by default), so it can run while the preview of the e2e tests does
const PORT = Number(process.env.SPATIAL_LENS_PORT ?? 4173) + 8;
const BASE = `http://localhost:${PORT}/`;
const N = Number(process.env.REVIEW_BENCH_ITEMS ?? 100_000);
const REPS = 3;
const ACCEPTS = 200;
const REJECTS = 20;
const PHOTOS = 48;

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(s);

// ---------------------------------------------------------------- build and serve

function ensureBuild(): void {
  const index = path.join(ROOT, 'dist/index.html');
  const stale = () => {
    if (!fs.existsSync(index)) return true;
    const built = fs.statSync(index).mtimeMs;
    const sources = [path.join(ROOT, 'src'), path.join(ROOT, 'index.html'), path.join(ROOT, 'vite.config.ts')].filter((p) => fs.existsSync(p));
    // tests do not go into the bundle
    return sources.some((p) => newestMtimeNoTests(p) > built);
  };
  if (!stale()) return;
  for (let attempt = 1; attempt <= 3; attempt++) {
    log(`building the app (dist/ is missing or older than src/), attempt ${attempt}…`);
    const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status === 0) return;
    log(`  vite build failed (files may be mid-edit): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    if (attempt < 3) spawnSync('sleep', ['60']);
  }
  if (!fs.existsSync(index)) throw new Error('vite build failed and there is no dist/ to fall back on');
  log('  going on with the existing dist/');
}

function newestMtimeNoTests(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) || p.includes(`${path.sep}test${path.sep}`) ? 0 : st.mtimeMs;
  let m = 0;
  for (const f of fs.readdirSync(p)) m = Math.max(m, newestMtimeNoTests(path.join(p, f)));
  return m;
}

// ---------------------------------------------------------------- the 100k SPAR-7M lines

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OBJECTS = ['towel', 'counter', 'chair', 'table', 'sofa', 'lamp', 'bed', 'door', 'window', 'cabinet', 'sink', 'monitor', 'shelf', 'pillow', 'desk'];
type Kind = 'oc-depth' | 'oo-depth' | 'oc-dist' | 'oo-dist' | 'relation' | 'mv-depth';
const TASKS: { type: string; kind: Kind }[] = [
  { type: 'depth_prediction_oc', kind: 'oc-depth' },
  { type: 'depth_prediction_oo', kind: 'oo-depth' },
  { type: 'distance_prediction_oc', kind: 'oc-dist' },
  { type: 'distance_prediction_oo', kind: 'oo-dist' },
  { type: 'spatial_relation_oo', kind: 'relation' },
  { type: 'depth_prediction_oc_mv', kind: 'mv-depth' },
];

/**
 * n SPAR-7M training records (docs/formats.md, SPAR-7M layout) built like the README's real one: a string id
 * `<scene>_<n>`, a [human, gpt] conversation, image/depth path lists, 0–1000 marks (points, or boxes
 * for the relation task; multi-view ones with point_img_idx). Returns the file's size and the count per task.
 */
function writeSparJsonl(file: string, n: number, photos: readonly { scene: string; frame: number }[]): { bytes: number; perTask: Record<string, number> } {
  const real = JSON.parse(fs.readFileSync(path.join(SHARED, 'benchmarks/spar7m_readme_example.jsonl'), 'utf8').trim()) as Record<string, unknown>;
  const r = rng(7);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const pt = () => [int(20, 980), int(20, 980)];
  const box = () => {
    const x1 = int(0, 800);
    const y1 = int(0, 800);
    return [x1, y1, x1 + int(40, 199), y1 + int(40, 199)];
  };
  const perTask: Record<string, number> = {};
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = TASKS[i % TASKS.length];
    perTask[t.type] = (perTask[t.type] ?? 0) + 1;
    // every item names photos of the pool (so showing and exporting it reads a real image)
    const photo = pick(photos);
    const scene = photo.scene;
    const frame = photo.frame;
    const a = pick(OBJECTS);
    let b = pick(OBJECTS);
    if (b === a) b = OBJECTS[(OBJECTS.indexOf(a) + 1) % OBJECTS.length];
    const d1 = (0.5 + r() * 4).toFixed(1);
    const d2 = (0.5 + r() * 4).toFixed(1);
    const rec: Record<string, unknown> = { id: `${scene}_${i}`, conversations: [], image: [`${scene}/image_color/${frame}.jpg`], type: t.type, depth: [`${scene}/image_depth/${frame}.png`] };
    let q: string;
    let ans: string;
    if (t.kind === 'oc-depth') {
      // the real record, with other objects, depths and marks
      q = String((real.conversations as { value: string }[])[0].value).replace('counter', a).replace('1.6', d1).replace('towel', b);
      ans = `${b}'s central depth is estimated to be about ${d2} meters.`;
    } else if (t.kind === 'oo-depth') {
      q = `What is the depth difference between the ${a} (red point) and the ${b} (blue point)?  Calculate or judge based on the 3D center points of these objects. The unit is meter.`;
      ans = `The ${b} is about ${d2} meters deeper than the ${a}.`;
    } else if (t.kind === 'oc-dist') {
      q = `How far is the ${a} (red point) from the camera?  Calculate or judge based on the 3D center points of these objects. The unit is meter.`;
      ans = `The ${a} is about ${d1} meters away from the camera.`;
    } else if (t.kind === 'oo-dist') {
      q = `What is the distance between the ${a} (red point) and the ${b} (blue point)?  Calculate or judge based on the 3D center points of these objects. The unit is meter.`;
      ans = `The distance between the ${a} and the ${b} is about ${d1} meters.`;
    } else if (t.kind === 'relation') {
      q = `Is the ${a} (red bbox) to the left of the ${b} (blue bbox) from the camera's view?`;
      ans = r() < 0.5 ? `Yes, the ${a} is to the left of the ${b}.` : `No, the ${a} is to the right of the ${b}.`;
    } else {
      q = `Image-1: <image>\nImage-2: <image>\nThe ${a} (red point) is in Image-1 and the ${b} (blue point) in Image-2. What is the depth of the ${b} in Image-1's camera?  Calculate or judge based on the 3D center points of these objects. The unit is meter.`;
      ans = `The ${b}'s central depth is about ${d2} meters.`;
      const same = photos.filter((p) => p.scene === scene && p.frame !== frame);
      const frame2 = same.length ? pick(same).frame : frame;
      rec.image = [...(rec.image as string[]), `${scene}/image_color/${frame2}.jpg`];
      rec.depth = [...(rec.depth as string[]), `${scene}/image_depth/${frame2}.png`];
    }
    rec.conversations = [
      { from: 'human', value: q },
      { from: 'gpt', value: ans },
    ];
    if (t.kind === 'relation') {
      rec.red_bbox = [box()];
      rec.blue_bbox = [box()];
    } else if (t.kind === 'oc-dist') {
      rec.red_point = [pt()];
    } else {
      rec.red_point = [pt()];
      rec.blue_point = [pt()];
    }
    if (t.kind === 'mv-depth') rec.point_img_idx = [[0, 1]];
    const line = JSON.stringify(rec).replace(/":/g, '": ').replace(/,"/g, ', "');
    buf.push(line);
    bytes += Buffer.byteLength(line) + 1;
    if (buf.length === 5000) {
      fs.writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, `${buf.join('\n')}\n`);
  fs.closeSync(fd);
  return { bytes, perTask };
}

// ---------------------------------------------------------------- page helpers

const requests: string[] = [];
const isLocal = (u: string) => u.startsWith(BASE) || u.startsWith(`http://127.0.0.1:${PORT}/`) || u.startsWith('blob:') || u.startsWith('data:') || u === 'about:blank' || u.startsWith('chrome-extension:');

async function openBrowser(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = closeOnStop(await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1440, height: 900 }, acceptDownloads: true }));
  context.on('request', (r) => void requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  if (process.env.REVIEW_BENCH_CONSOLE) page.on('console', (m) => log(`  [page] ${m.text()}`));
  await page.goto(`${BASE}?nosample`);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-item').or(page.locator('.review-empty')).first().waitFor();
  return { context, page };
}

const countOf = async (page: Page, status: string): Promise<number> => Number(((await page.getByTestId(`count-${status}`).textContent()) ?? '').replace(/[^0-9]/g, ''));
const itemId = (page: Page) => page.getByTestId('review-item').getAttribute('data-item-id');
const blur = (page: Page) => page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
// in-page code is passed as strings: tsx would wrap named functions in a helper the page lacks

/** Import time: from setting the file input until the message and the queue count show all items. */
async function timeImport(page: Page, file: string | string[]): Promise<{ ms: number; appMs: string; message: string }> {
  const t0 = performance.now();
  await page.getByTestId('review-file-input').setInputFiles(file);
  await page.waitForFunction(
    `(() => { const o = document.querySelector('.overlays'); const c = document.querySelector('[data-testid="queue-counts"]');
       return !!o && o.textContent.includes('Imported ${N.toLocaleString('en-US')} items') && !!c && c.textContent.startsWith('${N} of ${N} items'); })()`,
    undefined,
    { timeout: 120_000, polling: 'raf' },
  );
  const ms = performance.now() - t0;
  const message = (await page.locator('.overlays [data-testid^="message-"]').first().textContent()) ?? '';
  return { ms, appMs: message.match(/in ([\d.]+) s/)?.[1] ?? '?', message: message.replace(/×$/, '') };
}

/**
 * Filter change: picks `value` in the task select the way Playwright's selectOption does (option
 * selected, input + change events), then waits frame by frame until the count shows `expected` and
 * every listed row is of that task; also waits for the next paint.
 */
async function timeFilter(page: Page, value: string, expected: number): Promise<{ dom: number; painted: number; appMs: number }> {
  const src = `(async ([value, expected]) => {
    const sel = document.querySelector('[data-testid="filter-task"]');
    const ok = () => {
      const c = document.querySelector('[data-testid="queue-counts"] strong');
      if (!c || c.textContent !== String(expected)) return false;
      if (!value) return true;
      const tasks = [...document.querySelectorAll('[data-testid="review-rows"] .qa-task')].map((e) => e.textContent);
      return tasks.length > 0 && tasks.every((t) => t === value);
    };
    const t0 = performance.now();
    for (const o of sel.options) o.selected = o.value === value;
    sel.dispatchEvent(new Event('input', { bubbles: true }));
    sel.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((res, rej) => { const until = t0 + 20000; const tick = () => { if (ok()) res(); else if (performance.now() > until) rej(new Error('the list did not change')); else requestAnimationFrame(tick); }; tick(); });
    const dom = performance.now() - t0;
    await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    const painted = performance.now() - t0;
    const span = document.querySelector('[data-testid="review-queue"] .filters > span.muted.small');
    return { dom, painted, appMs: Number((span?.textContent ?? '').replace(/[^0-9.]/g, '')) };
  })(${JSON.stringify([value, expected])})`;
  const r = (await page.evaluate(src)) as { dom: number; painted: number; appMs: number };
  await blur(page);
  return r;
}

/**
 * Sends the keys of one decision, then waits until the next item is on screen and the app has put
 * down its 'review:next-item' measure (pressing on before it would move the 'review:key' mark).
 */
async function decideByKeys(page: Page, keys: string[]): Promise<void> {
  const before = await itemId(page);
  const measures = (await page.evaluate(`performance.getEntriesByName('review:next-item').length`)) as number;
  for (const k of keys) await page.keyboard.press(k);
  await page.waitForFunction(
    `(() => { const e = document.querySelector('[data-testid="review-item"]');
       return !!e && e.getAttribute('data-item-id') !== ${JSON.stringify(before)} && performance.getEntriesByName('review:next-item').length > ${measures}; })()`,
    undefined,
    { timeout: 10_000, polling: 'raf' },
  );
}

/** Export by the button: click → the download; returns the time, the zip's size and the app's message. */
async function timeExport(page: Page, dir: string, expected: number, marked = true): Promise<{ ms: number; msgMs: number; bytes: number; message: string }> {
  await page.evaluate(`(() => { const b = document.querySelector('.overlays [data-testid^="message-"] button[aria-label="Dismiss"]'); if (b) b.click(); })()`);
  // the export dialog: the queue's statuses, marked photos as asked
  await page.getByTestId('review-export').click();
  await page.getByTestId('export-marked').setChecked(marked);
  const t0 = performance.now();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const d = await download;
  const ms = performance.now() - t0;
  await page.waitForFunction(`(document.querySelector('.overlays')?.textContent ?? '').includes('Exported ${expected} items')`, undefined, { timeout: 60_000 });
  const msgMs = performance.now() - t0;
  const to = path.join(dir, d.suggestedFilename());
  await d.saveAs(to);
  const bytes = fs.statSync(to).size;
  fs.rmSync(to);
  const message = (await page.locator('.overlays [data-testid^="message-"]').first().textContent()) ?? '';
  return { ms, msgMs, bytes, message: message.replace(/×$/, '') };
}

// ---------------------------------------------------------------- the run

interface Row {
  what: string;
  value: string;
  target: string;
  pass: boolean | null;
}
const table: Row[] = [];
const row = (what: string, value: string, target: string, pass: boolean | null) => table.push({ what, value, target, pass });
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** PHOTOS 640×480 JPEGs in SPAR-7M's images layout, with frame numbers unique across scenes. */
async function writePhotos(dir: string): Promise<{ scene: string; frame: number; file: string }[]> {
  const sharp = (await import('sharp')).default;
  const out: { scene: string; frame: number; file: string }[] = [];
  for (let k = 0; k < PHOTOS; k++) {
    const scene = `scene${String(k % 12).padStart(4, '0')}_00`;
    const frame = 100 + k * 7;
    const file = path.join(dir, scene, 'image_color', `${frame}.jpg`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const px = Buffer.alloc(640 * 480 * 3);
    for (let i = 0; i < px.length; i++) px[i] = (i * (k + 3) + (i >> 9)) & 255;
    await sharp(px, { raw: { width: 640, height: 480, channels: 3 } }).jpeg({ quality: 85 }).toFile(file);
    out.push({ scene, frame, file });
  }
  return out;
}

const tStart = performance.now();
ensureBuild();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-review-bench-'));
const served = path.join(tmp, 'dist');
fs.cpSync(path.join(ROOT, 'dist'), served, { recursive: true });
const jsonl = path.join(tmp, 'spar7m-100k.jsonl');
const photos = await writePhotos(path.join(tmp, 'images'));
const gen = writeSparJsonl(jsonl, N, photos);
log(`${N} SPAR-7M lines, ${(gen.bytes / 1e6).toFixed(1)} MB, ${Object.keys(gen.perTask).length} tasks (${Object.entries(gen.perTask).map(([t, c]) => `${t} ${c}`).join(', ')}), naming ${PHOTOS} photos (640×480 JPEG) imported with them`);
await serve({ outDir: served, port: PORT });
await failpoint('served');
let context: BrowserContext | null = null;
try {
  // 1. Import, each time into a fresh profile
  const imports: number[] = [];
  let page: Page | null = null;
  for (let r = 0; r < REPS; r++) {
    const profile = path.join(tmp, `profile-${r}`);
    const b = await openBrowser(profile);
    const t = await timeImport(b.page, [jsonl, ...photos.map((p) => p.file)]);
    imports.push(t.ms);
    log(`import ${r + 1}: ${secs(t.ms)} (the app says ${t.appMs} s) — “${t.message}”`);
    // too slow to repeat within the bench's time: go on with this profile
    const last = r === REPS - 1 || t.ms > 20_000;
    if (!last) {
      await b.context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    } else {
      context = b.context;
      page = b.page;
      break;
    }
  }
  row(`import ${N} SPAR-7M lines (${(gen.bytes / 1e6).toFixed(0)} MB JSONL), median of ${imports.length}`, `${secs(median(imports))} (${imports.map((x) => (x / 1000).toFixed(1)).join(' / ')})`, '≤ 10 s', median(imports) <= 10_000);
  if (!page) throw new Error('no page');

  // 2. Filter change by task, on the 100k undecided items
  await blur(page);
  const tasks = Object.keys(gen.perTask).slice(0, REPS);
  const filters: { dom: number; painted: number; appMs: number }[] = [];
  for (const t of tasks) {
    const f = await timeFilter(page, t, gen.perTask[t]);
    filters.push(f);
    log(`filter → ${t} (${gen.perTask[t]} items): list re-rendered ${fmt(f.dom)}, painted ${fmt(f.painted)}, the app's filter time ${f.appMs} ms`);
  }
  const back = await timeFilter(page, '', N);
  log(`filter → all tasks (${N} items): list re-rendered ${fmt(back.dom)}, painted ${fmt(back.painted)}, the app's filter time ${back.appMs} ms`);
  const fDom = median(filters.map((f) => f.dom));
  row(`filter change (task), select → list re-rendered, median of ${REPS}`, `${fmt(fDom)} (painted ${fmt(median(filters.map((f) => f.painted)))})`, '≤ 200 ms', fDom <= 200);
  row(`  the app's own filter time (reviewStore.filterMs), median`, `${median(filters.map((f) => f.appMs)).toFixed(0)} ms`, '≤ 200 ms', median(filters.map((f) => f.appMs)) <= 200);

  // 3. Next item after a decision: A pressed ACCEPTS times on undecided items
  await page.evaluate(`performance.clearMeasures('review:next-item'); performance.clearMarks('review:key')`);
  const accept0 = await countOf(page, 'accept');
  let acceptKeys = 0;
  const tAcc = performance.now();
  for (let i = 0; i < ACCEPTS; i++) {
    await decideByKeys(page, ['a']);
    acceptKeys += 1;
  }
  const accWall = performance.now() - tAcc;
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const nextMs = (await page.evaluate(`performance.getEntriesByName('review:next-item').map((e) => e.duration)`)) as number[];
  const accepted = (await countOf(page, 'accept')) - accept0;
  log(`next item after A (${nextMs.length} measures of 'review:next-item'): p50 ${fmt(pct(nextMs, 50))}, p95 ${fmt(pct(nextMs, 95))}, max ${fmt(Math.max(...nextMs))}; ${ACCEPTS} decisions took ${secs(accWall)} by the clock (with Playwright's round trips)`);
  row(`next item after a decision (A), p95 over ${nextMs.length}`, `p95 ${fmt(pct(nextMs, 95))} (p50 ${fmt(pct(nextMs, 50))}, max ${fmt(Math.max(...nextMs))})`, '≤ 50 ms', pct(nextMs, 95) <= 50);
  row('keys per accept (stored accepts / keys sent)', `${(acceptKeys / Math.max(1, accepted)).toFixed(2)} (${accepted} stored, ${acceptKeys} keys)`, '1', accepted === ACCEPTS && acceptKeys === ACCEPTS);

  // 4. Rejects: R then a reason digit
  await page.evaluate(`performance.clearMeasures('review:next-item')`);
  const reject0 = await countOf(page, 'reject');
  let rejectKeys = 0;
  for (let i = 0; i < REJECTS; i++) {
    const keys = ['r', String(1 + (i % 5))];
    await decideByKeys(page, keys);
    rejectKeys += keys.length;
  }
  const rejected = (await countOf(page, 'reject')) - reject0;
  const rejMs = (await page.evaluate(`performance.getEntriesByName('review:next-item').map((e) => e.duration)`)) as number[];
  log(`rejects: ${rejected} stored for ${rejectKeys} keys; next item after the digit p95 ${fmt(pct(rejMs, 95))} over ${rejMs.length}`);
  row('keys per reject (R + digit; stored rejects / keys sent)', `${(rejectKeys / Math.max(1, rejected)).toFixed(2)} (${rejected} stored, ${rejectKeys} keys)`, '2', rejected === REJECTS && rejectKeys === 2 * REJECTS);

  // 5. Export: the reviewed ones by default, then every item (all four status chips on)
  const small = await timeExport(page, tmp, ACCEPTS);
  log(`export of the ${ACCEPTS} accepted items with marked photos (button, default filter): ${fmt(small.ms)} to the download, ${(small.bytes / 1e3).toFixed(0)} kB — “${small.message}”`);
  // 100k marked photos would be 100k JPEG encodes: the large export leaves them out
  for (const st of ['undecided', 'accept', 'fix', 'reject']) await page.getByTestId(`count-${st}`).click();
  await page.waitForFunction(`document.querySelector('[data-testid="queue-counts"] strong')?.textContent === '${N}'`, undefined, { timeout: 30_000 });
  await blur(page);
  const exports: { ms: number; msgMs: number; bytes: number; message: string }[] = [];
  for (let r = 0; r < REPS; r++) {
    const e = await timeExport(page, tmp, N, false);
    exports.push(e);
    log(`export ${r + 1} of all ${N} items (button, every status chip on): ${secs(e.ms)} to the download, ${secs(e.msgMs)} to the message, zip ${(e.bytes / 1e6).toFixed(1)} MB — “${e.message}”`);
    if (r === 0 && e.ms > 30_000) break; // too slow to repeat within the bench's time
  }
  const eMed = median(exports.map((e) => e.ms));
  row(`export ${N} items with their photos, no marked photos (click → download), median of ${exports.length}`, `${secs(eMed)}, zip ${(exports[0].bytes / 1e6).toFixed(1)} MB`, '≤ 10 s', eMed <= 10_000);
  row(`export ${ACCEPTS} accepted items with marked photos (default filter)`, `${fmt(small.ms)} (${(small.ms / ACCEPTS).toFixed(1)} ms an item), zip ${(small.bytes / 1e3).toFixed(0)} kB`, '—', null);
} finally {
  await context?.close().catch(() => undefined);
  await stopAll();
}

// 6. Requests
const away = requests.filter((u) => !isLocal(u));
row('requests leaving the origin (whole run)', `${away.length} of ${requests.length}`, '0', away.length === 0);
if (away.length) log(`requests that left: ${[...new Set(away)].slice(0, 10).join(', ')}`);
fs.rmSync(tmp, { recursive: true, force: true });

const w0 = Math.max(...table.map((r) => r.what.length));
const w1 = Math.max(...table.map((r) => r.value.length));
const w2 = Math.max(...table.map((r) => r.target.length), 6);
log('');
log(`Review workspace, ${N} items, headless Chromium (${CHROMIUM}), total ${secs(performance.now() - tStart)}`);
log(`${'figure'.padEnd(w0)}  ${'measured'.padEnd(w1)}  ${'target'.padEnd(w2)}  result`);
log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ------`);
for (const r of table) log(`${r.what.padEnd(w0)}  ${r.value.padEnd(w1)}  ${r.target.padEnd(w2)}  ${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'}`);
process.exitCode = table.some((r) => r.pass === false) ? 1 : 0;
