// `spatial-lens audit` on a SPAR-Bench-RGBD parquet: marks found in the pixels, answers measured
// from the depth columns, wrong answers as errors (synthetic items over real RGB-D frames).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HAVE_SHARED_DATA } from '../test/markedPhotos';
import { describe, expect, it, vi } from 'vitest';
import { rgbdItems } from '../test/rgbdItems';
import { rgbdParquet } from '../test/rgbdParquet';
import { main } from './main';

interface Line {
  id: string;
  findings: { code: string; severity: string; message: string }[];
  marks_found?: { color: string; kind: string; uv?: number[]; image: number; confidence: number }[];
  measured?: { value: number | string; unit: string; method: string };
}

describe.skipIf(!HAVE_SHARED_DATA)('spatial-lens audit on a SPAR-Bench-RGBD parquet', () => {
  it('reports the marks found and the measurement, and exits 1 on the wrong answers only', async () => {
    const made = await rgbdItems(7, 4, 2);
    // one of each single-view point task and both multi-view ones; every second item wrong
    const items = [0, 1, 2, 3, 5, 6].map((k) => made.items[k]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-rgbd-'));
    fs.writeFileSync(path.join(dir, 'test-00000-of-00001.parquet'), rgbdParquet(items, made.frames, { rowGroupSize: 4 }));
    const out: string[] = [];
    const l = vi.spyOn(console, 'log').mockImplementation((s) => void out.push(String(s)));
    const e = vi.spyOn(console, 'error').mockImplementation(() => {});
    let code: number;
    try {
      code = await main(['audit', dir, '--out', path.join(dir, 'report.jsonl')]);
    } finally {
      l.mockRestore();
      e.mockRestore();
    }
    expect(code).toBe(items.some((i) => i.wrong) ? 1 : 0);
    const lines = fs
      .readFileSync(path.join(dir, 'report.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((s) => JSON.parse(s) as Line);
    expect(lines).toHaveLength(items.length);
    for (const [n, line] of lines.entries()) {
      const it = items[n];
      expect(line.id).toBe(String(it.id));
      expect(line.marks_found!.map((m) => [m.color, m.kind, m.image])).toEqual(it.marks.map((m) => [m.color, 'point', m.image ?? 0]));
      for (const [k, m] of it.marks.entries()) {
        const uv = line.marks_found![k].uv!;
        expect(Math.hypot(uv[0] - Math.floor(m.uv![0] + 0.5), uv[1] - Math.floor(m.uv![1] + 0.5))).toBeLessThanOrEqual(1);
      }
      expect(line.measured!.unit).toBe('m');
      expect(Math.abs((line.measured!.value as number) - (it.truth as number)) / (it.truth as number)).toBeLessThan(0.1);
      expect(line.findings.some((f) => f.code === 'measured-mismatch' && f.severity === 'error'), `${it.task} ${it.answer} vs ${it.truth}`).toBe(it.wrong);
    }
    expect(out.join('\n')).toMatch(/error/);
  });
});
