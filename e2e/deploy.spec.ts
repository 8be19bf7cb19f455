// The built folder on a plain static server that sends no isolation headers: the service worker
// brings cross-origin isolation (WASM threads) after the first load, the page's CSP holds with no
// violation and no request leaves the app's origin, and with the server gone and the browser
// offline the app still opens, lifts the bundled sample and lifts a photo with a downloaded model.
import path from 'node:path';
import { type BrowserContext, type Page, expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { type TestServer, startTestServer } from '../src/test/modelServer';
import { fixture } from './fixtures';
import { dropFiles, shot, waitForScene } from './helpers';
import { MIRROR_PREFIX, testCatalogue } from './modelTestCatalogue';

test.describe.configure({ mode: 'serial' });

const { catalogue, files } = testCatalogue();
const DIST = path.resolve(import.meta.dirname, '../dist');
const servedPort = PORT + 8;
let server: TestServer;
let context: BrowserContext;
let page: Page;
const foreign: string[] = [];

test.beforeAll(async ({ browser }) => {
  server = await startTestServer({ root: DIST, files, texts: new Map([['models/catalogue.json', JSON.stringify(catalogue)]]), ranges: true, port: servedPort });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'allow' });
  // CSP violations are recorded in the page and read back.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await context.newPage();
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !/^(data|blob):/.test(u)) foreign.push(u);
  });
});
test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

const isolated = () => page.evaluate(() => crossOriginIsolated).catch(() => false);
const cspViolations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test('the first visit installs the service worker, which makes the page cross-origin isolated; WASM uses threads', async () => {
  await page.goto(`${server.url}/`);
  // the server sends no COOP/COEP: the first page is not isolated, the worker reloads it once
  expect(server.log.find((l) => l.url === '/')?.status).toBe(200);
  await expect.poll(isolated, { timeout: 60_000 }).toBe(true);
  await waitForScene(page, 'color.jpg');
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
  expect(manifest).toMatchObject({ name: 'Spatial Lens', display: 'standalone', start_url: './' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);

  await page.getByTestId('model-base').fill(`${server.url}/${MIRROR_PREFIX}`);
  await page.getByTestId('model-base').press('Enter');
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await page.getByTestId('download-recommended').click();
  await waitForScene(page, 'floor.png');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend')).toContainText(cores > 1 ? /wasm, [2-4] threads/ : /wasm, 1 thread/);
  expect(await cspViolations()).toEqual([]);
  expect(foreign).toEqual([]);
});

test('offline with the server stopped: the app opens, lifts the bundled sample and a photo with the downloaded model', async () => {
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await waitForScene(page, 'color.jpg');
  expect(await isolated()).toBe(true);
  await dropFiles(page, [fixture('floor.png'), fixture('floor-K.json')]);
  await waitForScene(page, 'floor.png');
  expect(Math.abs(Number(await page.getByTestId('camera-height').inputValue()) - 1.4)).toBeLessThan(0.06);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'offline-1024');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'offline-1920');
  expect(await cspViolations()).toEqual([]);
  expect(foreign).toEqual([]);
  await context.setOffline(false);
});
