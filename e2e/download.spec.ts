// Catalogue downloads against a local stand-in for the model host: consent, progress, cancel,
// resume after a reload, a refused hash, and use once the server is gone. The built app is served
// by a plain static server (no isolation headers) with a deployment catalogue.json in models/.
import path from 'node:path';
import { type BrowserContext, type Page, expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { type TestServer, startTestServer } from '../src/test/modelServer';
import { fixture } from './fixtures';
import { dropFiles, shot, waitForScene } from './helpers';
import { MIRROR_PREFIX, testCatalogue } from './modelTestCatalogue';

test.describe.configure({ mode: 'serial' });

const { catalogue, files, byId } = testCatalogue();
const DIST = path.resolve(import.meta.dirname, '../dist');
let server: TestServer;
const servedPort = PORT + 7;
// One browser profile for the whole file: the downloads, the mirror setting and the partial file
// must outlive each step, as they do for a person.
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  server = await startTestServer({ root: DIST, files, texts: new Map([['models/catalogue.json', JSON.stringify(catalogue)]]), ranges: true, redirect: true, port: servedPort });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'allow' });
  page = await context.newPage();
});
test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

const other = () => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  return foreign;
};

async function open() {
  await page.goto(`${server.url}/`);
  // the service worker reloads the first page once to make it cross-origin isolated
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 }).toBe(true);
  await waitForScene(page, 'color.jpg');
}

test('a photo without depth offers one named model with size and licence; consenting downloads, verifies and lifts it', async () => {
  const foreign = other();
  await open();
  // the mirror is a setting; a wrong value is refused with a message
  await page.getByTestId('model-base').fill('mirror.example.org');
  await page.getByTestId('model-base').press('Enter');
  await expect(page.getByTestId('download-message')).toContainText('"mirror.example.org" is not a URL');
  await page.getByTestId('model-base').fill(`${server.url}/${MIRROR_PREFIX}`);
  await page.getByTestId('model-base').press('Enter');
  await expect(page.getByTestId('model-catalogue')).toContainText(`from 127.0.0.1:${servedPort}`);

  const before = server.log.filter((l) => l.url.includes(MIRROR_PREFIX)).length;
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  const offer = page.getByTestId('model-offer');
  await expect(page.getByTestId('download-recommended')).toHaveText(`Download Tiny Metric Depth, fp32, ${byId.get('tiny-metric')!.bytes.length} B, Apache-2.0`);
  await expect(offer).toContainText('Your photos never leave this browser');
  await expect(offer).toContainText('nothing else is sent');
  // nothing was requested before consent
  expect(server.log.filter((l) => l.url.includes(MIRROR_PREFIX)).length).toBe(before);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'download-consent-1024');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'download-consent-1920');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('download-recommended').click();
  await waitForScene(page, 'floor.png');
  const height = Number(await page.getByTestId('camera-height').inputValue());
  expect(Math.abs(height - 1.4)).toBeLessThan(0.06);
  await expect(page.getByTestId('model-tiny-metric')).toContainText('downloaded, in this browser');
  await expect(page.getByTestId('download-message')).toContainText('downloaded and verified (SHA-256 matches)');
  // the resolve URL redirected to the CDN path and was fetched once
  const fetched = server.log.filter((l) => l.url.includes('tiny-metric'));
  expect(fetched.map((l) => l.status)).toEqual([302, 200]);
  expect(foreign).toEqual([]);
});

test('progress and cancel; a download cut by a reload resumes with a byte range', async () => {
  await open();
  const depthnet = byId.get('depthnet')!;
  server.options.bytesPerSecond = 400_000;
  await page.getByTestId('catalogue-depthnet').click();
  const progress = page.getByTestId('download-progress');
  await expect(progress).toContainText('Downloading DepthNet 384 (fp32)');
  await expect.poll(async () => Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(15);
  await page.getByTestId('download-cancel').click();
  await expect(page.getByTestId('download-message')).toContainText('Download cancelled; nothing was kept.');
  await expect(progress).toHaveCount(0);

  // again, and reload half-way: the partial file stays in the browser
  await page.getByTestId('catalogue-depthnet').click();
  await expect.poll(async () => Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(30);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'download-progress-1024');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'download-progress-1920');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await waitForScene(page, 'color.jpg');
  server.options.bytesPerSecond = 4_000_000;
  const n = server.log.length;
  await expect(page.getByTestId('catalogue-depthnet')).toContainText(/resume: [\d.]+ MB already here/);
  await page.getByTestId('catalogue-depthnet').click();
  await expect(page.getByTestId('download-message')).toContainText(/DepthNet 384 \(fp32\) downloaded and verified \(SHA-256 matches\), resumed after \d/, { timeout: 30_000 });
  const resumed = server.log.slice(n).find((l) => l.url.includes('depthnet') && l.status === 206);
  expect(resumed?.range).toMatch(/^bytes=\d+-$/);
  const from = Number(resumed!.range!.slice(6, -1));
  expect(from).toBeGreaterThan(0.3 * depthnet.bytes.length);
  await expect(page.getByTestId('model-depthnet')).toContainText(`· ${Math.round(depthnet.bytes.length / 1e6)} MB`);
});

test('a file whose SHA-256 differs from the catalogue is refused with a message and not kept', async () => {
  await open();
  await page.getByTestId('catalogue-bad-hash').click();
  await expect(page.getByTestId('download-message')).toContainText(/Tampered Model \(fp32\) was refused: its SHA-256 is [0-9a-f]{16}…, not the published [0-9a-f]{16}…/);
  await expect(page.getByTestId('model-bad-hash')).toHaveCount(0);
  await shot(page, 'download-refused');
  await page.reload();
  await waitForScene(page, 'color.jpg');
  await expect(page.getByTestId('model-bad-hash')).toHaveCount(0);
});

test('a downloaded model is listed with its size, removable, and used with the model server gone', async () => {
  await open();
  await expect(page.getByTestId('model-tiny-metric')).toContainText('downloaded, in this browser');
  await expect(page.getByTestId('model-tiny-metric')).toContainText('355 B');
  await page.getByTestId('model-depthnet').getByRole('button', { name: 'remove' }).click();
  await expect(page.getByTestId('model-depthnet')).toHaveCount(0);
  await expect(page.getByTestId('catalogue-depthnet')).toBeVisible();
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await waitForScene(page, 'floor.png');
  // the model server goes away; the stored model still lifts the next photo (reloading offline is
  // the service worker's part, in deploy.spec.ts)
  await server.close();
  await dropFiles(page, [fixture('photo-640.png')]);
  await waitForScene(page, 'photo-640.png');
  const h = Number(await page.getByTestId('camera-height').inputValue());
  expect(h).toBeGreaterThan(1.2);
  expect(h).toBeLessThan(1.6);
  server = await startTestServer({ ...server.options, port: servedPort });
});
