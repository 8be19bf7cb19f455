// Every tab at the smallest supported window (1024×700) and a large one (1920×1080): no control is
// cut off or overlapped, with the bundled sample scene, generated questions and imported items on
// screen (only files in the repository, so it runs where ../shared is absent). The screenshots are looked at by a person (test-results/screens/layout-*).
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { layoutProblems } from './layoutCheck';
import { openApp } from './helpers';

const FIX = path.resolve(import.meta.dirname, '../src/test/fixtures/review');
const PREFIX = process.env.LAYOUT_SHOT_PREFIX ?? 'layout';

async function look(page: Page, tab: string, size: string): Promise<string[]> {
  await page.waitForTimeout(300); // layout settles after the tab's content arrives
  await page.screenshot({ path: `test-results/screens/${PREFIX}-${tab}-${size}.png` });
  return (await layoutProblems(page)).map((p) => `${tab}: ${p}`);
}

for (const [width, height] of [
  [1024, 700],
  [1920, 1080],
] as const) {
  test(`every tab fits ${width}×${height}: nothing cut off or overlapped`, async ({ page }) => {
    test.setTimeout(300_000);
    const size = `${width}x${height}`;
    await page.setViewportSize({ width, height });
    await openApp(page);
    const problems: string[] = [];
    problems.push(...(await look(page, 'scene', size)));

    await page.getByTestId('mode-qa').click();
    await page.getByTestId('qa-generate').click();
    await expect(page.locator('.qa-rows li').first()).toBeVisible({ timeout: 60_000 });
    problems.push(...(await look(page, 'questions', size)));

    await page.getByTestId('mode-review').click();
    await page.getByTestId('review-folder-input').setInputFiles(path.join(FIX, 'spar7m'));
    await expect(page.getByTestId('review-item')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.overlays')).toContainText('Imported');
    problems.push(...(await look(page, 'review', size)));

    await page.getByTestId('mode-dashboard').click();
    problems.push(...(await look(page, 'dashboard', size)));
    expect(problems).toEqual([]);
  });
}
