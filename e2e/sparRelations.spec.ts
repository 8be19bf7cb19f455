// Relation and imagination items of SPAR-Bench-RGBD on real frames: a parquet of synthetic items
// over the NYU and Open3D frames (bench/rgbdParquet.ts --relations) is imported; the review worker
// audits every item as it comes in; a relation item shows its answer part by part beside what its
// marks and depth measure; the queue sorted by risk lists the measured mismatches first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { shots } from './helpers';


test('relation items are measured in the levelled frame, and the queue sorted by risk puts the mismatches first', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-rel-e2e-'));
  const file = path.join(dir, 'sparbench-rgbd-relations.parquet');
  const made = execFileSync('npx', ['tsx', 'bench/rgbdParquet.ts', file, '--items', '3', '--relations', '9', '--seed', '4'], { encoding: 'utf8' });
  // "12 items (4 wrong: 2, 1002, 1005, 1008) → …"
  const wrong = new Set(/wrong: ([\d, ]+)\)/.exec(made)![1].split(', '));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${BASE_URL}?nosample`);
  await page.getByTestId('mode-review').click();
  await page.getByTestId('review-file-input').setInputFiles(file);
  await expect(page.locator('.overlays')).toContainText('Imported 12 items');
  const rows = page.getByTestId('review-rows').locator('li');
  await expect(rows).toHaveCount(12);
  // the import's items are audited in the review worker; the button comes back when it is done
  await expect(page.getByTestId('audit-risks')).toContainText('12/12', { timeout: 60_000 });
  await expect(page.getByTestId('filter-mismatch')).toContainText(`measured mismatch ${wrong.size}`);

  // a relation item (ids from 1000) that is right: its line, part by part, in the levelled frame
  const relationRow = rows.filter({ hasText: 'obj_spatial_relation_oo' }).first();
  await relationRow.click();
  const line = page.getByTestId('measured-line');
  await expect(line).toContainText(/^answer (left|right|same) · (above|below|same) · (front|behind|same) — measured (left|right|same) \(\d\.\d\d m/, { timeout: 20_000 });
  await expect(line).toContainText(/levelled by (the pose|the support plane)/);
  await expect(page.getByTestId('marks-found')).toContainText(/red (box|point)/);
  const id = (await page.getByTestId('review-item').getAttribute('data-item-id'))!.split('#').pop()!;
  expect((await line.getAttribute('class'))!.includes('mismatch')).toBe(wrong.has(id));
  await shots(page, '64-spar-relation-measured');

  // sorted by risk: the mismatches first, each tagged, then the rest
  await page.getByLabel('Sort').selectOption('risk:desc');
  const tags = rows.locator('[data-testid="risk-mismatch"]');
  await expect(tags).toHaveCount(wrong.size);
  for (let k = 0; k < 12; k++) await expect(rows.nth(k).getByTestId('risk-mismatch')).toHaveCount(k < wrong.size ? 1 : 0);
  const firstIds = await rows.evaluateAll((ls) => ls.map((l) => l.textContent ?? ''));
  for (let k = 0; k < wrong.size; k++) expect([...wrong].some((w) => firstIds[k].includes(`#${w}`))).toBe(true);
  // the first one is a wrong relation: shown in red with the flipped part named
  await rows.filter({ has: page.getByTestId('risk-mismatch') }).filter({ hasText: /spatial/ }).first().click();
  await expect(line).toHaveClass(/mismatch/, { timeout: 20_000 });
  await shots(page, '65-spar-risk-sorted-queue');
  // the mismatch filter keeps exactly them
  await page.getByTestId('filter-mismatch').click();
  await expect(rows).toHaveCount(wrong.size);
});
