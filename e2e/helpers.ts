import fs from 'node:fs';
import path from 'node:path';
import { type Page, expect } from '@playwright/test';
import { SHARED, fixture } from './fixtures';

/** Drops files on the window the way a person does, through a DataTransfer. */
export async function dropFiles(page: Page, files: string[]): Promise<void> {
  const payload = files.map((p) => ({ name: path.basename(p), b64: fs.readFileSync(p).toString('base64') }));
  await page.evaluate((items) => {
    const dt = new DataTransfer();
    for (const f of items) {
      const bin = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bin], f.name));
    }
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
  }, payload);
}

/** Number of points of the scene on screen, read from the scene panel. */
export async function pointCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('point-count').textContent()) ?? '';
  return Number(text.split(' points')[0].replace(/[^0-9]/g, ''));
}

/** Waits until a scene whose image is `file` is drawn. */
export async function waitForScene(page: Page, file: string): Promise<void> {
  await expect(page.getByTestId('scene-info')).toContainText(file, { timeout: 90_000 });
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 90_000 });
}

export async function openApp(page: Page, sample = true): Promise<void> {
  await page.goto(sample ? '/' : '/?nosample');
  if (sample) await waitForScene(page, 'color.jpg');
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

/**
 * Screenshots at the two sizes every screen is checked at (1024×700 and 1920×1080), named
 * `<name>-<w>x<h>.png`; `before` runs at each size (e.g. to scroll something into view), and the
 * page's size is put back afterwards unless `restore` is false.
 */
export async function shots(page: Page, name: string, opts: { settle?: number; restore?: boolean; before?: (page: Page) => Promise<void> } = {}): Promise<void> {
  const was = page.viewportSize();
  for (const [width, height] of [
    [1024, 700],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await opts.before?.(page);
    await page.waitForTimeout(opts.settle ?? 200);
    await page.screenshot({ path: `test-results/screens/${name}-${width}x${height}.png` });
  }
  if (was && opts.restore !== false) await page.setViewportSize(was);
}

/** The NYU frame with its depth and intrinsics, and hand-drawn COCO boxes lifted to 8 objects. */
export async function openNyuWithObjects(page: Page): Promise<void> {
  const nyu = [path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'), path.join(SHARED, 'nyu/depth/sync_depth_00000.png'), path.join(SHARED, 'nyu/test_annotations.json')];
  await openApp(page);
  await dropFiles(page, [...nyu, fixture('nyu0-coco.json')]);
  await waitForScene(page, 'rgb_00000.jpg');
  await expect(page.getByTestId('object-list').locator('li')).toHaveCount(8);
}
